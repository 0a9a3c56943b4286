// Prelude `browser-app`, for README blocks marked `<!-- readme-check: prelude=browser-app -->`: the API key a
// single-page app's bundler puts in at build time (with Vite, `import.meta.env.VITE_TMDB_API_KEY`).
declare const TMDB_API_KEY: string;
