/** The site's default social card (public/social-card.png, made by scripts/social-card.ts). */
export const SOCIAL_CARD = {
	path: '/social-card.png',
	width: 1200,
	height: 630,
	alt: 'Cell State: an interactive textbook on LSTM networks for text generation',
} as const;
