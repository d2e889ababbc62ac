// fast-check with one seed for every property test, so CI is reproducible: a property
// suite that draws new cases on each run can turn CI red on a case nobody can replay.
// Exploration is a separate, deliberate run: B3IQ_FC_SEED=random (or a number) draws other
// cases; a failure prints its seed and path, and the case found becomes a plain test.
import fc from 'fast-check';

const env = process.env.B3IQ_FC_SEED;
if (env !== 'random') fc.configureGlobal({ ...fc.readConfigureGlobal(), seed: env ? Number(env) : 20261129 });

export default fc;
