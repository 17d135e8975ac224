// Column names for the variables built from item fields: the agent's prompt uses them as {name}.

/** Makes a field name usable as the agent's `{variable}`: ASCII letters, digits and `_` only, not starting with a digit, case kept. */
export function toVariableColumnName(name: string): string {
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

/** Suffixes `_2`, `_3` … to later duplicates so every name is unique (case-sensitive) without taking a name already in the list. */
export function uniqueColumnNames(names: readonly string[]): string[] {
	const taken = new Set(names);
	const used = new Set<string>();
	return names.map((name) => {
		let unique = name;
		if (used.has(name)) {
			let suffix = 2;
			while (taken.has(`${name}_${suffix}`)) suffix++;
			unique = `${name}_${suffix}`;
			taken.add(unique);
		}
		used.add(unique);
		return unique;
	});
}
