/**
 * A short English text for the character-model example and its test: two plain paragraphs
 * about the subject of this book. Small enough to train on in seconds, long enough for a model
 * to learn common words.
 */
export const ENGLISH_TEXT = `A recurrent network reads a sentence one character at a time. At every step it mixes the new character with what it remembers from the characters before, and it writes a new memory for the next step. The trouble is that this memory fades. When the network is trained, the signal that should tell an early step what went wrong at a late step shrinks a little at every step on the way back, and after a few dozen steps there is almost nothing left of it.

The long short-term memory cell was built to fix this. Next to its hidden state it keeps a cell state, a second memory that is changed only by addition and by a gate. The forget gate decides how much of the old memory to keep, the input gate decides how much of the new candidate to write, and the output gate decides how much of the memory to show. Because the cell state is carried forward by addition, the signal on the way back does not have to shrink, and the network can learn to remember a word, a quote or a bracket for a long time. That is why a small model of this kind can learn to spell, to open and close quotes, and to write text that looks like the text it has read.
`;
