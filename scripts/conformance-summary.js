// Summarizes one run log of the ADL LRS conformance test suite (scripts/conformance.sh): passed and failed tests
// per area (the suite's top-level describe blocks), then each failing test with the suite's message.
// Exits 1 when a test failed or none ran.
const fs = require('fs');

const run = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const areas = new Map();
const failures = [];

function walk(node, area, path) {
    if (!node) return;
    const children = (node.tests || []).filter(Boolean);
    if (children.length === 0) {
        if (node.status !== 'passed' && node.status !== 'failed') return;
        const counts = areas.get(area) || { passed: 0, failed: 0 };
        counts[node.status]++;
        areas.set(area, counts);
        if (node.status === 'failed') failures.push({ path: [...path, node.title].join(' > '), error: node.error });
        return;
    }
    for (const child of children) {
        walk(child, area ?? child.title, area === undefined ? [] : [...path, child.title]);
    }
}

// The root is the run itself; its children are the areas.
for (const child of (run.log?.tests || []).filter(Boolean)) walk(child, child.title, []);

let passed = 0, failed = 0;
const width = Math.max(4, ...[...areas.keys()].map(area => area.length));
console.log(`${'area'.padEnd(width)}  passed  failed`);
for (const [area, counts] of areas) {
    console.log(`${area.padEnd(width)}  ${String(counts.passed).padStart(6)}  ${String(counts.failed).padStart(6)}`);
    passed += counts.passed;
    failed += counts.failed;
}
const total = passed + failed;
console.log(`xAPI ${run.summary?.version}: ${passed} of ${total} passed (${total ? (100 * passed / total).toFixed(1) : 0} %), ${failed} failed`);
for (const failure of failures) {
    console.log(`FAILED ${failure.path}\n    ${String(failure.error || '').split('\n')[0].slice(0, 400)}`);
}
process.exit(failed > 0 || total === 0 ? 1 : 0);
