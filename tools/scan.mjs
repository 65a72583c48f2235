// n8n's verification scan (@n8n/scan-community-package `analyzePackage`), run locally, plus a check
// of what `npm pack` would publish. Run after `npm run build`.
//
//   node tools/scan.mjs [source] [tarball] [pack]      (no argument: all three)
//
//   source   the scanner's source leg: package.json + {nodes,credentials}/**/*.{js,ts,json}
//   tarball  the scanner's artifact leg: `npm pack`, extracted, then **/*.js + package.json
//   pack     `npm pack --dry-run --json` lists only the files allowed below
//
// The scanner lints with `allowInlineConfig: false`, so eslint-disable comments do not count here.
// Each finding prints as `file:line:col severity rule message`; each leg ends with one summary line
// with its duration. Exit status 1 when any leg fails.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';

const root = new URL('..', import.meta.url).pathname.replace(/\/$/, '');
const scannerPath = `${root}/node_modules/@n8n/scan-community-package/scanner/scanner.mjs`;

// What the published package may contain. CHANGELOG.md does not ship: the starter ships `dist`
// only, n8n never reads it, and it lives in the repository the package links to.
const ALLOWED_IN_PACKAGE = [
	/^dist\//,
	/^index\.js$/,
	/^README\.md$/,
	/^LICENSE$/,
	/^package\.json$/,
];
const REQUIRED_IN_PACKAGE = ['index.js', 'README.md', 'LICENSE', 'package.json'];

const scanner = await import(scannerPath);
// analyzePackage returns only a pass/fail verdict and stylish text; the findings are captured from
// the ESLint instance it creates (the scanner's own eslint, resolved from the scanner's directory)
// so they can be listed one per line, warnings included. The verdict is still analyzePackage's.
const { ESLint } = createRequire(scannerPath)('eslint');
let captured = [];
const lintFiles = ESLint.prototype.lintFiles;
ESLint.prototype.lintFiles = async function (...args) {
	const results = await lintFiles.apply(this, args);
	captured.push(...results);
	return results;
};

function npm(args, cwd = root) {
	return execFileSync('npm', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

async function lintLeg(name, dir, patterns, display) {
	captured = [];
	const verdict = await scanner.analyzePackage(dir, patterns);
	let errors = 0;
	let warnings = 0;
	for (const result of captured) {
		for (const m of result.messages) {
			const severity = m.severity === 2 ? 'error' : 'warning';
			if (m.severity === 2) errors++;
			else warnings++;
			const file = display(relative(dir, result.filePath));
			console.log(
				`  ${file}:${m.line ?? 0}:${m.column ?? 0} ${severity} ${m.ruleId ?? '(parse)'} ${m.message}`,
			);
		}
	}
	if (!verdict.passed && errors === 0) {
		// e.g. "Analysis failed: ..." (config or parser crash) or no files matched.
		console.log(`  ${verdict.message}${verdict.details ? `\n${verdict.details}` : ''}`);
	}
	return {
		passed: verdict.passed && errors === 0,
		summary: `${captured.length} files, ${errors} errors, ${warnings} warnings${verdict.message ? ` (${verdict.message})` : ''}`,
	};
}

function requireDist() {
	const pkg = JSON.parse(readFileSync(`${root}/package.json`, 'utf8'));
	const missing = [...pkg.n8n.nodes, ...pkg.n8n.credentials].filter((f) => {
		try {
			readFileSync(`${root}/${f}`);
			return false;
		} catch {
			return true;
		}
	});
	if (missing.length) throw new Error(`not built (run npm run build first): ${missing.join(', ')}`);
}

const legs = {
	async source() {
		return lintLeg('source', root, scanner.SOURCE_FILE_PATTERNS, (f) => f);
	},

	async tarball() {
		requireDist();
		const tmp = mkdtempSync(join(tmpdir(), 'n8n-scan-'));
		try {
			const [{ filename }] = JSON.parse(npm(['pack', '--json', '--pack-destination', tmp]));
			execFileSync('tar', ['-xzf', join(tmp, filename), '-C', tmp]);
			return await lintLeg(
				'tarball',
				join(tmp, 'package'),
				['**/*.js', 'package.json'],
				(f) => `<tarball>/${f}`,
			);
		} finally {
			rmSync(tmp, { recursive: true, force: true });
		}
	},

	async pack() {
		requireDist();
		const [{ files, filename, size, unpackedSize }] = JSON.parse(
			npm(['pack', '--dry-run', '--json']),
		);
		const paths = files.map((f) => f.path);
		const unexpected = paths.filter((p) => !ALLOWED_IN_PACKAGE.some((re) => re.test(p)));
		const missing = REQUIRED_IN_PACKAGE.filter((p) => !paths.includes(p));
		const pkg = JSON.parse(readFileSync(`${root}/package.json`, 'utf8'));
		const unregistered = [...pkg.n8n.nodes, ...pkg.n8n.credentials].filter(
			(p) => !paths.includes(p),
		);
		for (const p of unexpected) console.log(`  ${p}: not allowed in the published package`);
		for (const p of missing) console.log(`  ${p}: missing from the published package`);
		for (const p of unregistered) console.log(`  ${p}: listed under "n8n" but not in the package`);
		return {
			passed: !unexpected.length && !missing.length && !unregistered.length,
			summary: `${filename}: ${paths.length} files, ${size} B packed, ${unpackedSize} B unpacked`,
		};
	},
};

const chosen = process.argv.slice(2);
for (const name of chosen)
	if (!legs[name]) throw new Error(`unknown leg "${name}" (source, tarball, pack)`);
let failed = 0;
for (const name of chosen.length ? chosen : Object.keys(legs)) {
	const start = Date.now();
	let outcome;
	try {
		outcome = await legs[name]();
	} catch (error) {
		outcome = { passed: false, summary: String(error.message ?? error).trim() };
	}
	const seconds = ((Date.now() - start) / 1000).toFixed(1);
	console.log(
		`scan ${name}: ${outcome.passed ? 'PASS' : 'FAIL'} — ${outcome.summary} (${seconds} s)`,
	);
	if (!outcome.passed) failed++;
}
process.exit(failed ? 1 : 0);
