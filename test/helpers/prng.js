// mulberry32: a tiny deterministic PRNG, so generated fixtures and failing rounds replay
// from their seed. The one copy for every test generator.
export function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** FNV-1a of a string: each generated class draws its own stream from the one seed. */
export function fnv1a(s) {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}

/** `per` cases of each named class in each layout; `newGen(name)` gives the class its own generator. */
export function casesByClass(names, layouts, per, newGen, makeCase) {
  const out = [];
  for (const name of names) {
    const g = newGen(name);
    for (const layout of layouts) for (let i = 0; i < per; i++) out.push(makeCase(g, name, layout));
  }
  return out;
}
