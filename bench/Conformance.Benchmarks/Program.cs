using BenchmarkDotNet.Running;

// `dotnet run -c Release --project bench/Conformance.Benchmarks -- --filter '*'` runs everything;
// `--list flat` lists the benchmarks, `--filter '*Masking*'` picks one class.
var summaries = BenchmarkSwitcher.FromAssembly(typeof(Conformance.Benchmarks.BenchConfig).Assembly).Run(args);

// A non-zero exit code when a benchmark failed to build or run, so CI notices.
return summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success)) ? 1 : 0;
