/* eslint-disable @n8n/community-nodes/no-restricted-imports -- dev tooling: writes BENCHMARKS.md, never shipped */
/** Statistics, the results table, and BENCHMARKS.md (only the part after the results marker). */
import * as fs from 'node:fs';

export const median = (values: number[]): number => {
	if (!values.length) throw new Error('median of nothing');
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

export const mb = (kb: number) => `${(kb / 1024).toFixed(1)} MB`;
/** A change: "+1.5 MB", "-0.3 MB". */
export const signedMb = (kb: number) => `${kb < 0 ? '-' : '+'}${mb(Math.abs(kb))}`;
export const ratio = (value: number) => `${value.toFixed(2)}×`;

export interface Row {
	figure: string;
	ours: string;
	reference: string;
	/** A ratio, or text such as "not measured: …". */
	ratio: string;
	target: string;
	/** true: met, false: missed, undefined: no target (information). */
	met?: boolean;
}

export function table(rows: Row[]): string {
	const status = (row: Row) => (row.met === undefined ? '' : row.met ? 'met' : '**missed**');
	return [
		'| Figure | Ours | Reference | Ratio | Target | |',
		'| --- | --- | --- | --- | --- | --- |',
		...rows.map(
			(row) =>
				`| ${row.figure} | ${row.ours} | ${row.reference} | ${row.ratio} | ${row.target} | ${status(row)} |`,
		),
	].join('\n');
}

const RESULTS_MARKER = '<!-- RESULTS -->';

/** Replaces what follows the results marker in BENCHMARKS.md; the text before it is kept. */
export function writeResults(file: string, text: string): void {
	const previous = fs.readFileSync(file, 'utf8');
	if (!previous.includes(RESULTS_MARKER)) throw new Error(`${file} has no ${RESULTS_MARKER}`);
	const [head] = previous.split(RESULTS_MARKER);
	fs.writeFileSync(file, `${head}${RESULTS_MARKER}\n\n${text.trim()}\n`);
}
