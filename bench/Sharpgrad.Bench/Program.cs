return Sharpgrad.Bench.BenchProgram.Run(args, Console.Out);
