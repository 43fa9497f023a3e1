/**
 * The studio's built-in corpora as static text files (/corpora/en-book.txt, /corpora/zh-book.txt,
 * /corpora/zh-poetry.txt), made from the book's chapters and the committed poetry file at build time, so
 * they always match the chapters they come from.
 */
import type { APIRoute, GetStaticPaths } from 'astro';
import { CORPORA } from '../../studio/corpus.ts';
import { corpusText } from '../../studio/build/corpus-text.ts';

export const getStaticPaths = (() => CORPORA.map(({ id }) => ({ params: { id } }))) satisfies GetStaticPaths;

export const GET: APIRoute = ({ params }) => {
  const corpus = CORPORA.find((c) => c.id === params.id);
  if (!corpus) return new Response('Not found', { status: 404 });
  return new Response(corpusText(corpus.id), { headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
};
