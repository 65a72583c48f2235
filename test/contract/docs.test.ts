/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- test tooling: reads the repository's files */
/**
 * The repository stands alone: every `docs/…md#anchor` a file points at exists, and nothing points
 * at research files that are not in the repository.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';

const root = path.resolve(__dirname, '../..');
const SKIP = new Set(['node_modules', 'dist', '.git', '.tools-build', 'coverage']);

function files(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		if (SKIP.has(name)) return [];
		const full = path.join(dir, name);
		if (statSync(full).isDirectory()) return files(full);
		return /\.(ts|md|json|js|mjs|yml)$/.test(name) && name !== 'package-lock.json' ? [full] : [];
	});
}

/** GitHub's heading anchor: lower case, punctuation dropped, spaces to dashes. */
const slug = (heading: string) =>
	heading
		.trim()
		.toLowerCase()
		.replace(/[^\p{L}\p{N}\s_-]/gu, '')
		.replace(/\s/g, '-');

function anchorsOf(doc: string): Set<string> {
	const text = readFileSync(doc, 'utf8');
	return new Set(
		[...text.matchAll(/^#{1,6}\s+(.+)$/gm)].map((match) => slug(match[1].replace(/`/g, ''))),
	);
}

const all = files(root);
const references = all.flatMap((file) =>
	[...readFileSync(file, 'utf8').matchAll(/docs\/([\w-]+\.md)(?:#([\w-]+))?/g)].map((match) => ({
		from: path.relative(root, file),
		doc: match[1],
		anchor: match[2],
	})),
);

it('finds the references it checks', () => {
	expect(references.length).toBeGreaterThan(50);
});

it('points only at docs files and headings that exist', () => {
	const broken = references.filter(({ doc, anchor }) => {
		const target = path.join(root, 'docs', doc);
		try {
			return anchor !== undefined && !anchorsOf(target).has(anchor);
		} catch {
			return true;
		}
	});
	expect(broken.map(({ from, doc, anchor }) => `${from} → docs/${doc}#${anchor ?? ''}`)).toEqual(
		[],
	);
});

it('points at no research file outside the repository', () => {
	const outside = all.filter((file) =>
		/unipile-api\.md|connectsafely-api\.md|n8n-conventions\.md|n8n-queue-mode-and-scan\.md|shared\/reference|seeds?\//.test(
			readFileSync(file, 'utf8'),
		),
	);
	expect(outside.map((file) => path.relative(root, file))).toEqual([]);
});
