/**
 * node --import tsx scripts/social-card.ts
 *
 * Writes public/social-card.png, the picture a chat or social site shows for a link to any page
 * (og:image, 1200×630 as they crop it): the book's name and what it is, over a cell-state line.
 * Run it again after changing the text; the PNG is committed so a build needs no image tools.
 */
import { join } from 'node:path';
import sharp from 'sharp';
import { SOCIAL_CARD } from '../src/site/social-card.ts';

const { width, height } = SOCIAL_CARD;
const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">
	<rect width="100%" height="100%" fill="#17181c"/>
	<path d="M 80 470 C 300 400, 420 520, 640 450 S 980 380, 1120 440" fill="none" stroke="#8b97ff" stroke-width="10" stroke-linecap="round"/>
	<g fill="#8b97ff">
		<circle cx="300" cy="444" r="18"/><circle cx="640" cy="450" r="18"/><circle cx="960" cy="410" r="18"/>
	</g>
	<text x="80" y="220" font-family="DejaVu Sans, Arial, sans-serif" font-size="104" font-weight="700" fill="#ffffff">Cell State</text>
	<text x="80" y="300" font-family="DejaVu Sans, Arial, sans-serif" font-size="40" fill="#c0c2c7">An interactive textbook on LSTM networks</text>
	<text x="80" y="352" font-family="DejaVu Sans, Arial, sans-serif" font-size="40" fill="#c0c2c7">for text generation</text>
	<text x="80" y="570" font-family="DejaVu Sans Mono, monospace" font-size="34" fill="#8b97ff">C&#x209C; = f&#x209C; &#x2299; C&#x209C;&#x208B;&#x2081; + i&#x209C; &#x2299; C&#x0303;&#x209C;</text>
</svg>`;

const out = join(import.meta.dirname, '..', 'public', SOCIAL_CARD.path);
await sharp(Buffer.from(svg)).png({ compressionLevel: 9 }).toFile(out);
console.log(`wrote ${out} (${width}×${height})`);
