// A jest transform: an ES module compiled to CommonJS, for a dependency that ships only as one (jest on Node 20
// cannot require() an ES module, and its own ESM mode is experimental). esbuild is already the build's bundler.
const { transformSync } = require('esbuild');

module.exports = {
  process(source, filename) {
    const { code } = transformSync(source, { format: 'cjs', loader: 'js', target: 'node20', sourcefile: filename });
    return { code };
  },
};
