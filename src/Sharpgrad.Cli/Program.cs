using Sharpgrad.Cli.Commands;

// Entry point of the `sharpgrad` tool; everything else lives in Commands/ (parsing) and Training/ (the jobs).
return SharpgradCommandLine.Run(args);
