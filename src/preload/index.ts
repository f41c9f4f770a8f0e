// The preload script of the console window. It deliberately exposes nothing (no contextBridge,
// no ipcRenderer): the console is an ordinary web page that talks to the emulator over HTTP
// (DESIGN §1), so it runs unchanged in any browser, and with no bridge a compromised console
// page has nothing to reach Node or Electron through. If the console ever needs a native
// feature, add one narrow, typed function here rather than exposing ipcRenderer.
//
// The window is sandboxed, and Electron runs a sandboxed preload as a plain script, not as an
// ES module: keep this file free of imports and top-level exports.
export {};
