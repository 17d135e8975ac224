// n8n loads this package through the `n8n` section of package.json; there is nothing to
// export from the entry point.
module.exports = {};
