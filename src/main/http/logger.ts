// Where the emulator writes its log lines (the CLI prints them; tests may collect them).
export type Logger = (line: string) => void;
