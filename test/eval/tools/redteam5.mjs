// Leak rate per class of the fifth red-team generator (after `npm run build`), then the
// kept-diagnostics corpus (values that must survive, no marker on their line).
// node test/eval/tools/redteam5.mjs [--seed N] [--per N] [--class a,b] [--show N]
import * as gen from '../../helpers/redact-redteam5.js';
import { reportRedTeam } from './redteam-report.mjs';

reportRedTeam(gen);
