using Conformance.Fuzz;

return await FuzzCommandLine.RunAsync(args).ConfigureAwait(false);
