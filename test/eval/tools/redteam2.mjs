// Leak rate per class of the second red-team generator (after `npm run build`).
// node test/eval/tools/redteam2.mjs [--seed N] [--per N] [--class a,b] [--show N]
import * as gen from '../../helpers/redact-redteam2.js';
import { reportLeaks } from './leak-report.mjs';

reportLeaks(gen, { per: 20, show: 0 });
