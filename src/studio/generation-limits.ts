/** How much one Generate writes, engine-free so the page's URL schema can say it without loading the engine. */

/** Longest text one call generates (characters). */
export const MAX_LENGTH = 5000;
