/**
 * Node flags the import command runs with: the `import` script of package.json passes them to
 * tsx, and the corpus bench starts its import children with them (a test keeps the two equal).
 *
 * The calling thread converts reports too (`--jobs` counts it), so its heap is a conversion
 * heap: with a young generation of 8 MB semi-spaces instead of V8's default, a 2-core import of
 * 1,000 reports peaks about a third lower in RSS for the same CPU time (bench, corpus section).
 */
export const IMPORT_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=8']
