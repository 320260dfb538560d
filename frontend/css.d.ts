// Style sheets are bundled by webpack's CSS loaders; importing one has no value.
declare module '*.css';
