// A style sheet as Jest sees it (jest.config.js moduleNameMapper): nothing; Vite bundles the real one.
module.exports = {};
