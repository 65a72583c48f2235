/**
 * 3 and 4 (and the 20 MB file): memory and time of big lists and attachments. Each figure is the
 * `VmHWM` of fresh `n8n execute` processes minus the same for a 1 KB control run, median of the
 * runs; the probe's per-node marks say which part of the peak each node set. Attachments run in
 * both of n8n's local binary data modes (`N8N_DEFAULT_BINARY_DATA_MODE`): `default` keeps files in
 * memory as base64 text in the items, `filesystem` keeps them in files and the items hold an ID
 * (n8n 2.41.1 uses `filesystem` in regular mode when the variable is not set).
 */
import { progress } from '../n8n';
import type { Bench } from './context';
import { rounds, takeRequests } from './context';
import type { MeasuredRun } from './headless';
import { nodeTimeMs } from './headless';
import type { Row } from './report';
import { mb, median, ratio, signedMb } from './report';
import { MEASURED, READ_FILES, WORKFLOW } from './workflows';

export const LIST_SIZE = 10_000;
const MiB = 1024 * 1024;
export const LARGE_FILE_BYTES = 20 * MiB;
export const FILE_COUNT = 10;
export const FIVE_MB = 5 * MiB;

export type BinaryMode = 'default' | 'filesystem';

interface MemorySample {
	hwmKb: number;
	/** VmHWM when the measured node started and when it finished. */
	nodeStartHwmKb: number;
	nodeEndHwmKb: number;
	/** The measured node's own rise: VmHWM when it finished minus its RSS when it started. */
	nodeRiseKb: number;
	/** How far the node that read the files raised VmHWM (0 without one). */
	readRaiseKb: number;
	/** VmHWM when n8n had saved the execution (before `n8n execute` printed it). */
	finalizedHwmKb: number;
	/** At the measured node's highest sampled RSS, above its start: V8 heap and Buffers (sampled runs). */
	nodeHeapKb: number;
	nodeBuffersKb: number;
	ms: number;
	/** Entries listed or files sent. */
	count: number;
	bodyBytes: number;
}

function memorySample(run: MeasuredRun, count: number, bodyBytes = 0): MemorySample {
	const measured = run.probe.nodes[MEASURED];
	const read = run.probe.nodes[READ_FILES];
	return {
		hwmKb: run.probe.hwmKb,
		nodeStartHwmKb: measured?.hwmStartKb ?? 0,
		nodeEndHwmKb: measured?.hwmEndKb ?? 0,
		nodeRiseKb: measured ? measured.hwmEndKb - measured.rssStartKb : 0,
		readRaiseKb: read ? read.hwmEndKb - read.hwmStartKb : 0,
		finalizedHwmKb: run.probe.finalizedHwmKb,
		nodeHeapKb:
			measured?.usagePeak && measured.usageStart
				? measured.usagePeak.heapUsedKb - measured.usageStart.heapUsedKb
				: 0,
		nodeBuffersKb:
			measured?.usagePeak && measured.usageStart
				? measured.usagePeak.arrayBuffersKb - measured.usageStart.arrayBuffersKb
				: 0,
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

const TEN_FILES: string[] = [WORKFLOW.files10, WORKFLOW.files10V1, WORKFLOW.files10Cs];

function fileSample(bench: Bench, id: string, run: MeasuredRun): MemorySample {
	const sandbox =
		id === WORKFLOW.files10V1
			? bench.sandboxes.v1
			: id === WORKFLOW.files10Cs
				? bench.sandboxes.connectSafely
				: bench.sandboxes.unipile;
	const { sends } = takeRequests(sandbox);
	const want = TEN_FILES.includes(id) ? FILE_COUNT : 1;
	if (sends.length !== want)
		throw new Error(`${id}: the sandbox received ${sends.length} sends, want ${want}`);
	return memorySample(run, sends.length, Math.max(...sends.map((send) => send.rawBody.length)));
}

/** The probe samples memory every so many ms while a node runs (attachment runs only: no timing). */
const SAMPLE_MS = 10;

/** Attachment runs of `ids` (the control first) in one binary data mode, alternating. */
export async function attachmentRuns(bench: Bench, mode: BinaryMode, ids: string[]) {
	progress(`memory, binary data mode ${mode}: ${ids.join(', ')}, ${bench.runs} runs each`);
	const results = await rounds(bench, ids, bench.runs, (id, run) => fileSample(bench, id, run), {
		N8N_DEFAULT_BINARY_DATA_MODE: mode,
		BENCH_PROBE_SAMPLE_MS: String(SAMPLE_MS),
	});
	for (const id of ids) {
		const all = (key: keyof MemorySample) =>
			results[id].map((sample) => Math.round(sample[key] / 1024)).join('/');
		progress(
			`    ${id}: peaks ${all('hwmKb')} MB; VmHWM at our node's start ${all('nodeStartHwmKb')}, end ${all('nodeEndHwmKb')}, execution saved ${all('finalizedHwmKb')}; our node's rise ${all('nodeRiseKb')} MB (at its highest sample: heap +${all('nodeHeapKb')}, Buffers +${all('nodeBuffersKb')}); Read Files raised ${all('readRaiseKb')} MB`,
		);
	}
	return results;
}

/**
 * A run's peak above the control's and which part of the run set it: how far Read Files raised the
 * high-water mark, how far our node raised it, and how far n8n raised it after our node, saving the
 * execution and printing it. Our node's rise from its start, and what held memory at its highest
 * sample (V8 heap against Buffers).
 */
function peakOf(samples: MemorySample[], control: MemorySample[]) {
	const m = (key: keyof MemorySample) => medianOf(samples, key);
	const peak = m('hwmKb') - medianOf(control, 'hwmKb');
	const inNode = m('nodeEndHwmKb') - m('nodeStartHwmKb');
	const saving = m('finalizedHwmKb') - m('nodeEndHwmKb');
	const printing = m('hwmKb') - m('finalizedHwmKb');
	return {
		peak,
		rise: m('nodeRiseKb'),
		where: `VmHWM raised by Read Files ${signedMb(m('readRaiseKb'))}, our node ${signedMb(inNode)}, n8n saving the execution ${signedMb(saving)}, printing it ${signedMb(printing)}; our node's rise from its start ${signedMb(m('nodeRiseKb'))} (heap ${signedMb(m('nodeHeapKb'))}, Buffers ${signedMb(m('nodeBuffersKb'))} at its highest sample)`,
	};
}

const controlText = (control: MemorySample[]) =>
	`control ${mb(medianOf(control, 'hwmKb'))} (our node's rise ${signedMb(medianOf(control, 'nodeRiseKb'))})`;

function modeRows(
	bench: Bench,
	mode: BinaryMode,
	results: Record<string, MemorySample[]>,
	targets: { peak: number },
): Row[] {
	const control = results[WORKFLOW.control];
	const name = mode === 'default' ? 'binary mode default (in memory)' : 'binary mode filesystem';
	const large = peakOf(results[WORKFLOW.file20], control);
	const rows: Row[] = [
		{
			figure: `20 MB attachment (v2), ${name}: process peak above the 1 KB control / file size, median of ${bench.runs}`,
			ours: `${mb(large.peak)}: ${large.where}`,
			reference: `20 MB file; ${controlText(control)}`,
			ratio: ratio((large.peak * 1024) / LARGE_FILE_BYTES),
			target: `≤ ${targets.peak}×`,
			met: (large.peak * 1024) / LARGE_FILE_BYTES <= targets.peak,
		},
		{
			figure: `20 MB attachment (v2), ${name}: our node's rise above where it started / file size`,
			ours: mb(large.rise),
			reference: '20 MB file',
			ratio: ratio((large.rise * 1024) / LARGE_FILE_BYTES),
			target: '≤ 0.5×',
			met: (large.rise * 1024) / LARGE_FILE_BYTES <= 0.5,
		},
	];
	const tens: Array<[string, string]> = [
		[WORKFLOW.files10, 'Unipile v2 Message → Send, base64 JSON'],
		[WORKFLOW.files10V1, 'Unipile v1 Message → Send, multipart'],
		[WORKFLOW.files10Cs, 'ConnectSafely Attachment → Upload, raw body'],
	];
	for (const [id, what] of tens) {
		if (!results[id]) continue;
		const ten = peakOf(results[id], control);
		const body = medianOf(results[id], 'bodyBytes');
		rows.push({
			figure: `${FILE_COUNT} items × 5 MB file (${what}, pacing off), ${name}: process peak above the 1 KB control / one item's body, median of ${bench.runs}`,
			ours: `${mb(ten.peak)}: ${ten.where}`,
			reference: `one body ${(body / MiB).toFixed(2)} MB; ${controlText(control)}`,
			ratio: ratio((ten.peak * 1024) / body),
			target: '< 2×',
			met: (ten.peak * 1024) / body < 2,
		});
		if (mode === 'filesystem') {
			rows.push({
				figure: `${FILE_COUNT} items × 5 MB file (${what}), ${name}: our node's rise above where it started / one item's body`,
				ours: mb(ten.rise),
				reference: `one body ${(body / MiB).toFixed(2)} MB`,
				ratio: ratio((ten.rise * 1024) / body),
				target: '≤ 1×',
				met: (ten.rise * 1024) / body <= 1,
			});
		}
	}
	return rows;
}

export function fileRows(
	bench: Bench,
	memory: Record<string, MemorySample[]>,
	filesystem: Record<string, MemorySample[]>,
): Row[] {
	return [
		...modeRows(bench, 'default', memory, { peak: 2 }),
		...modeRows(bench, 'filesystem', filesystem, { peak: 1.5 }),
	];
}

export async function listFigures(bench: Bench, controlKb: number): Promise<Row[]> {
	progress(
		`lists: Return All over ${LIST_SIZE} entries, ours / HTTP Request pagination, ${bench.runs} runs each`,
	);
	const ids = [WORKFLOW.chatsOurs, WORKFLOW.chatsHttp, WORKFLOW.convsOurs, WORKFLOW.convsHttp];
	const results = await rounds(bench, ids, bench.runs, (id, run) => {
		takeRequests(
			id === WORKFLOW.chatsOurs || id === WORKFLOW.chatsHttp
				? bench.sandboxes.unipileBig
				: bench.sandboxes.connectSafelyBig,
		);
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
		const saved = (id: string) => mb(medianOf(results[id], 'finalizedHwmKb') - controlKb);
		const all = (id: string, key: keyof MemorySample, scale = 1) =>
			results[id].map((sample) => Math.round(sample[key] / scale)).join('/');
		progress(
			`    ${noun}: ${oursMs} ms vs ${httpMs} ms (runs ${all(ours, 'ms')} vs ${all(http, 'ms')}); peak above control ${mb(oursKb)} vs ${mb(httpKb)} (peaks ${all(ours, 'hwmKb', 1024)} vs ${all(http, 'hwmKb', 1024)} MB; at node end ${atEnd(ours)} vs ${atEnd(http)}; once n8n saved the execution ${saved(ours)} vs ${saved(http)})`,
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
				ours: `${mb(oursKb)} (${atEnd(ours)} when the node ended, ${saved(ours)} once n8n saved the execution; the rest while it printed it)`,
				reference: `HTTP Request ${mb(httpKb)} (${atEnd(http)}, ${saved(http)})`,
				ratio: ratio(oursKb / httpKb),
				target: '≤ 1.2×',
				met: oursKb / httpKb <= 1.2,
			},
		);
	}
	return rows;
}
