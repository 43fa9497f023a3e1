/**
 * The web app icons of public/manifest.webmanifest, drawn from public/favicon.svg with sharp:
 *
 *   node --import tsx scripts/make-icons.ts
 *
 * icon-192.png and icon-512.png are the favicon as it is ("any" purpose). icon-maskable-512.png puts the
 * mark inside the central 80 % safe zone on a full-bleed background, since a launcher may crop a maskable
 * icon to any shape (a circle keeps only the middle 80 %). Re-run after changing the favicon; the PNGs are
 * committed so a build needs no image tools.
 */
import { readFileSync } from 'node:fs';
import sharp from 'sharp';

const FAVICON = 'public/favicon.svg';
const OUT = 'public/icons';
/** The favicon's own background, so the maskable icon's bleed continues it. */
const MARK_COLOUR = '#3b4cca';

const svg = readFileSync(FAVICON);

async function plain(size: number): Promise<void> {
	await sharp(svg, { density: (72 * size) / 32 }).resize(size, size).png().toFile(`${OUT}/icon-${size}.png`);
}

async function maskable(size: number): Promise<void> {
	// The mark at 70 % of the side stays inside the 80 % safe circle with its rounded corners.
	const mark = Math.round(size * 0.7);
	const inner = await sharp(svg, { density: (72 * mark) / 32 }).resize(mark, mark).png().toBuffer();
	await sharp({ create: { width: size, height: size, channels: 4, background: MARK_COLOUR } })
		.composite([{ input: inner, gravity: 'centre' }])
		.png()
		.toFile(`${OUT}/icon-maskable-${size}.png`);
}

await plain(192);
await plain(512);
await maskable(512);
console.log(`icons written to ${OUT}/`);
