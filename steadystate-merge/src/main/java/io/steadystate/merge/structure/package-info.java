/**
 * The structured-merge SPI: language-aware resolution of the regions a line merge leaves in conflict.
 *
 * <p>The text merge runs first and keeps its bytes wherever it is clean. For each region it cannot
 * settle, it asks the {@link io.steadystate.merge.structure.StructuredMerger} registered for the
 * file's extension (see {@link io.steadystate.merge.structure.StructuredMergers}) to
 * {@linkplain io.steadystate.merge.structure.FileMerge#resolve resolve} the region. The answer
 * replaces exactly the region's lines and nothing else, so no byte outside a resolved region changes.
 */
package io.steadystate.merge.structure;
