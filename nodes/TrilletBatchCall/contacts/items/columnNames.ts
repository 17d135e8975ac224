// Column names for the variables built from item fields: the agent's prompt uses them as {name},
// so each must be a usable name, and {name} must always get the field the user means by it.

/** A name the agent's prompt can use as {name}: ASCII letters, digits and `_`, not starting with a digit. */
const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Makes a field name usable as the agent's `{variable}`; a name that already is one is kept as it is. */
export function toVariableColumnName(name: string): string {
	if (VARIABLE_NAME.test(name)) return name;
	const safe = name
		.trim()
		// Accented letters keep their base letter (Prénom → Prenom) instead of becoming `_`.
		.normalize('NFD')
		.replace(/[\u0300-\u036f]/g, '')
		.replace(/[^A-Za-z0-9_]+/g, '_')
		.replace(/^_+|_+$/g, '');
	if (safe === '') return 'field';
	return /^[0-9]/.test(safe) ? `field_${safe}` : safe;
}

/**
 * Names one column per requested name, none of them a `reserved` name (the API's columns).
 * A requested name that is usable and free is kept; the others are renamed, in order, to their
 * usable form, suffixed `_2`, `_3` … when that is taken, and never to a name another entry
 * requested: so {id} is always the field called id, never a renamed `_id` or `id!`.
 * `countProbe` is called for every candidate name tried (the tests count them: the work is linear).
 */
export function variableColumnNames(
	requested: readonly string[],
	reserved: readonly string[],
	countProbe: () => void = () => {},
): string[] {
	const names: Array<string | undefined> = requested.map(() => undefined);
	const assigned = new Set(reserved);
	requested.forEach((name, index) => {
		if (assigned.has(name) || !VARIABLE_NAME.test(name)) return;
		assigned.add(name);
		names[index] = name;
	});
	// Every requested name stays out of reach of a rename, even one that is itself renamed.
	const blocked = new Set([...assigned, ...requested]);
	const freeName = suffixedNameFinder(blocked, countProbe);
	return names.map((kept, index) => kept ?? freeName(toVariableColumnName(requested[index])));
}

/**
 * Returns a function giving `base` itself or `base_N`, whichever is first not blocked, and
 * blocking it. Each base remembers the suffix it reached, so a blocked name is probed at most
 * once per base that can produce it: n names cost O(n) probes, not O(n²).
 */
function suffixedNameFinder(blocked: Set<string>, countProbe: () => void): (base: string) => string {
	const nextSuffix = new Map<string, number>();
	return (base) => {
		countProbe();
		let name = base;
		if (blocked.has(name)) {
			let suffix = nextSuffix.get(base) ?? 2;
			for (;;) {
				countProbe();
				name = `${base}_${suffix++}`;
				if (!blocked.has(name)) break;
			}
			nextSuffix.set(base, suffix);
		}
		blocked.add(name);
		return name;
	};
}
