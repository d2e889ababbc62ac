// Leak rate per class of the sixth red-team generator (after `npm run build`), then the
// kept-diagnostics corpus (values that must survive, no marker anywhere in the case).
// node test/eval/tools/redteam6.mjs [--seed N] [--per N] [--class a,b] [--show N]
import * as gen from '../../helpers/redact-redteam6.js';
import { reportRedTeam } from './redteam-report.mjs';

reportRedTeam(gen);
