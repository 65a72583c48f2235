/**
 * 3 and 4 (and the 20 MB file): memory and time of big lists and attachments. Each figure is the
 * `VmHWM` of fresh `n8n execute` processes minus the same for a 1 KB control run, median of the
 * runs; the probe's per-node marks say whether the peak is in our node or in another one.
 */
import { progress } from '../n8n';
import type { Bench } from './context';
import { rounds, takeSends } from './context';
import type { MeasuredRun } from './headless';
import { measuredRun, nodeTimeMs } from './headless';
import type { Row } from './report';
import { mb, median, ratio } from './report';
import { MEASURED, READ_FILES, WORKFLOW } from './workflows';

export const LIST_SIZE = 10_000;
const MiB = 1024 * 1024;
export const LARGE_FILE_BYTES = 20 * MiB;
export const FILE_COUNT = 10;
export const FIVE_MB = 5 * MiB;

interface MemorySample {
	hwmKb: number;
	/** VmHWM when the measured node finished. */
	nodeEndHwmKb: number;
	/** The measured node's own rise: VmHWM when it finished minus its RSS when it started. */
	nodeRiseKb: number;
	/** The same for the node that read the files (0 without one). */
	readRiseKb: number;
	ms: number;
	/** Entries listed or files sent. */
	count: number;
	bodyBytes: number;
}

function memorySample(run: MeasuredRun, count: number, bodyBytes = 0): MemorySample {
	const rise = (name: string) => {
		const mark = run.probe.nodes[name];
		return mark ? mark.hwmEndKb - mark.rssStartKb : 0;
	};
	return {
		hwmKb: run.probe.hwmKb,
		nodeEndHwmKb: run.probe.nodes[MEASURED]?.hwmEndKb ?? 0,
		nodeRiseKb: rise(MEASURED),
		readRiseKb: rise(READ_FILES),
		ms: nodeTimeMs(run, MEASURED),
		count,
		bodyBytes,
	};
}

export const medianOf = (samples: MemorySample[], key: keyof MemorySample) =>
	median(samples.map((sample) => sample[key]));

/** The entries a list run returned: our items, or the HTTP Request node's pages' arrays. */
function listed(run: MeasuredRun, arrayKey: string): number {
	const items = run.runData[MEASURED]?.[0]?.data?.main?.[0] ?? [];
	if (items.length && Array.isArray(items[0].json[arrayKey])) {
		return items.reduce((sum, item) => sum + (item.json[arrayKey] as unknown[]).length, 0);
	}
	return items.length;
}

function fileSample(bench: Bench, id: string, run: MeasuredRun, v1 = false): MemorySample {
	const sends = takeSends(v1 ? bench.sandboxes.v1 : bench.sandboxes.unipile);
	const want = id === WORKFLOW.files10 || id === WORKFLOW.files10V1 ? FILE_COUNT : 1;
	if (sends.length !== want)
		throw new Error(`${id}: the sandbox received ${sends.length} sends, want ${want}`);
	return memorySample(run, sends.length, Math.max(...sends.map((send) => send.rawBody.length)));
}

export async function controlAndFiles(bench: Bench) {
	progress(
		`memory: 1 KB control, 20 MB file, ${FILE_COUNT} × 5 MB files (v2), ${bench.runs} runs each`,
	);
	const ids = [WORKFLOW.control, WORKFLOW.file20, WORKFLOW.files10];
	const results = await rounds(bench, ids, bench.runs, (id, run) => fileSample(bench, id, run));
	for (const id of ids) {
		const peaks = results[id].map((sample) => Math.round(sample.hwmKb / 1024)).join('/');
		const node = results[id].map((sample) => Math.round(sample.nodeRiseKb / 1024)).join('/');
		progress(`    ${id}: peaks ${peaks} MB; send node rise ${node} MB`);
	}
	return results;
}

export async function v1Files(bench: Bench): Promise<Record<string, MemorySample[]> | string> {
	progress(`memory: ${FILE_COUNT} × 5 MB files on API v1 (multipart): checking that v1 sends work`);
	try {
		const probe = await measuredRun(bench.userFolder, WORKFLOW.controlV1, {
			install: bench.install,
			env: bench.env,
		});
		fileSample(bench, WORKFLOW.controlV1, probe, true);
	} catch (error) {
		takeSends(bench.sandboxes.v1);
		const reason = (error instanceof Error ? error.message : String(error)).split('\n')[0];
		progress(`    v1 sends fail today, not measured: ${reason}`);
		return reason;
	}
	const ids = [WORKFLOW.controlV1, WORKFLOW.files10V1];
	return await rounds(bench, ids, bench.runs, (id, run) => fileSample(bench, id, run, true));
}

export function fileRows(
	bench: Bench,
	results: Record<string, MemorySample[]>,
	v1: Record<string, MemorySample[]> | string,
): Row[] {
	const control = results[WORKFLOW.control];
	/** Process peak above the control's, and where it came from. */
	const describe = (samples: MemorySample[], base: MemorySample[]) => {
		const peak = medianOf(samples, 'hwmKb') - medianOf(base, 'hwmKb');
		return {
			peak,
			text: `${mb(peak)} (our node: +${mb(medianOf(samples, 'nodeRiseKb'))} from its start; Read Files: +${mb(medianOf(samples, 'readRiseKb'))})`,
			reference: `control: peak ${mb(medianOf(base, 'hwmKb'))}, our node +${mb(medianOf(base, 'nodeRiseKb'))}, Read Files +${mb(medianOf(base, 'readRiseKb'))}`,
		};
	};
	const large = describe(results[WORKFLOW.file20], control);
	const ten = describe(results[WORKFLOW.files10], control);
	const body = medianOf(results[WORKFLOW.files10], 'bodyBytes');
	const rows: Row[] = [
		{
			figure: `20 MB attachment (v2): peak memory above the 1 KB control / file size, median of ${bench.runs}`,
			ours: large.text,
			reference: `20 MB file; ${large.reference}`,
			ratio: ratio((large.peak * 1024) / LARGE_FILE_BYTES),
			target: '≤ 2×',
			met: (large.peak * 1024) / LARGE_FILE_BYTES <= 2,
		},
		{
			figure: `${FILE_COUNT} items × 5 MB file (v2, base64 JSON, pacing off): peak memory above the 1 KB control / one item's body, median of ${bench.runs}`,
			ours: ten.text,
			reference: `one body ${(body / MiB).toFixed(2)} MB; ${ten.reference}`,
			ratio: ratio((ten.peak * 1024) / body),
			target: '< 2×',
			met: (ten.peak * 1024) / body < 2,
		},
	];
	if (typeof v1 === 'string') {
		rows.push({
			figure: `${FILE_COUNT} items × 5 MB file (v1, multipart, pacing off): same`,
			ours: 'not measured: v1 sends pending',
			reference: `v1 send failed: ${v1.replace(/\|/g, '/').slice(0, 160)}`,
			ratio: '—',
			target: '< 2×',
		});
	} else {
		const tenV1 = describe(v1[WORKFLOW.files10V1], v1[WORKFLOW.controlV1]);
		const bodyV1 = medianOf(v1[WORKFLOW.files10V1], 'bodyBytes');
		rows.push({
			figure: `${FILE_COUNT} items × 5 MB file (v1, multipart, pacing off): peak memory above the v1 1 KB control / one item's body, median of ${bench.runs}`,
			ours: tenV1.text,
			reference: `one body ${(bodyV1 / MiB).toFixed(2)} MB; ${tenV1.reference}`,
			ratio: ratio((tenV1.peak * 1024) / bodyV1),
			target: '< 2×',
			met: (tenV1.peak * 1024) / bodyV1 < 2,
		});
	}
	return rows;
}

export async function listFigures(bench: Bench, controlKb: number): Promise<Row[]> {
	progress(
		`lists: Return All over ${LIST_SIZE} entries, ours / HTTP Request pagination, ${bench.runs} runs each`,
	);
	const ids = [WORKFLOW.chatsOurs, WORKFLOW.chatsHttp, WORKFLOW.convsOurs, WORKFLOW.convsHttp];
	const results = await rounds(bench, ids, bench.runs, (id, run) => {
		const count = listed(run, id === WORKFLOW.chatsHttp ? 'data' : 'conversations');
		if (count !== LIST_SIZE) throw new Error(`${id}: listed ${count} entries, want ${LIST_SIZE}`);
		return memorySample(run, count);
	});
	const rows: Row[] = [];
	for (const [ours, http, noun] of [
		[WORKFLOW.chatsOurs, WORKFLOW.chatsHttp, 'Unipile chats (Chat → Get Many)'],
		[
			WORKFLOW.convsOurs,
			WORKFLOW.convsHttp,
			'ConnectSafely conversations (Conversation → Get Many)',
		],
	] as const) {
		const oursMs = medianOf(results[ours], 'ms');
		const httpMs = medianOf(results[http], 'ms');
		const oursKb = medianOf(results[ours], 'hwmKb') - controlKb;
		const httpKb = medianOf(results[http], 'hwmKb') - controlKb;
		const atEnd = (id: string) => mb(medianOf(results[id], 'nodeEndHwmKb') - controlKb);
		const all = (id: string, key: keyof MemorySample, scale = 1) =>
			results[id].map((sample) => Math.round(sample[key] / scale)).join('/');
		progress(
			`    ${noun}: ${oursMs} ms vs ${httpMs} ms (runs ${all(ours, 'ms')} vs ${all(http, 'ms')}); peak above control ${mb(oursKb)} vs ${mb(httpKb)} (peaks ${all(ours, 'hwmKb', 1024)} vs ${all(http, 'hwmKb', 1024)} MB; at node end ${atEnd(ours)} vs ${atEnd(http)})`,
		);
		rows.push(
			{
				figure: `${LIST_SIZE.toLocaleString('en')} ${noun}, Return All: node execution time, median of ${bench.runs}`,
				ours: `${oursMs} ms`,
				reference: `HTTP Request with pagination ${httpMs} ms`,
				ratio: ratio(oursMs / httpMs),
				target: '≤ 1.0×',
				met: oursMs <= httpMs,
			},
			{
				figure: `${LIST_SIZE.toLocaleString('en')} ${noun}: peak memory above the control`,
				ours: `${mb(oursKb)} (${atEnd(ours)} when the node ended)`,
				reference: `HTTP Request ${mb(httpKb)} (${atEnd(http)})`,
				ratio: ratio(oursKb / httpKb),
				target: '≤ 1.2×',
				met: oursKb / httpKb <= 1.2,
			},
		);
	}
	return rows;
}
