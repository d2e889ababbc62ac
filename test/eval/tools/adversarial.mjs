// Lists every leak the adversarial generator finds, by class (after `npm run build`).
// node test/eval/tools/adversarial.mjs [--seed N] [--per N] [--class name] [--show N]
import * as gen from '../../helpers/redact-adversarial-gen.js';
import { reportLeaks } from './leak-report.mjs';

reportLeaks(gen, { per: 200, show: 3 });
