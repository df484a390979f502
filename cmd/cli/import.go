package cli

func runImport(e *env, args []string) int { return ExitUsage }
