// The console talks to the emulator over HTTP, so the preload exposes nothing to the page.
export {};
