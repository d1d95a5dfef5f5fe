using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Conformance.Benchmarks;

/// <summary>A parameter value that says how much work one benchmark operation does.</summary>
public interface IWorkload
{
    /// <summary>Bytes of input one operation processes.</summary>
    long BytesPerOperation { get; }

    /// <summary>Messages (or frames) one operation produces; 0 when the notion does not apply.</summary>
    int MessagesPerOperation { get; }
}

/// <summary>
/// Throughput derived from the mean time of one operation: bytes per second (decimal units, 1 GB = 10^9 B) or
/// messages per second. The work per operation comes from an <see cref="IWorkload"/> parameter, or from an
/// integer parameter named <c>Size</c> (bytes).
/// </summary>
public sealed class ThroughputColumn : IColumn
{
    public static readonly IColumn Bytes = new ThroughputColumn(messages: false);

    public static readonly IColumn Messages = new ThroughputColumn(messages: true);

    private readonly bool _messages;

    private ThroughputColumn(bool messages)
    {
        _messages = messages;
    }

    public string Id => $"{nameof(ThroughputColumn)}.{ColumnName}";

    public string ColumnName => _messages ? "Msg/s" : "Throughput";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => _messages ? 1 : 0;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => _messages
        ? "Messages (frames) completed per second: messages per operation / Mean"
        : "Input bytes processed per second: bytes per operation / Mean (1 GB = 10^9 B)";

    public bool IsAvailable(Summary summary) => summary.BenchmarksCases.Any(c => Amount(c) > 0);

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, summary.Style);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        var meanNanoseconds = summary[benchmarkCase]?.ResultStatistics?.Mean;
        var amount = Amount(benchmarkCase);
        if (meanNanoseconds is not { } mean || mean <= 0 || amount <= 0)
        {
            return "-";
        }

        var perSecond = amount * 1e9 / mean;
        if (_messages)
        {
            return perSecond >= 1e6
                ? string.Create(CultureInfo.InvariantCulture, $"{perSecond / 1e6:F2} M")
                : string.Create(CultureInfo.InvariantCulture, $"{perSecond / 1e3:F1} k");
        }

        return perSecond >= 1e9
            ? string.Create(CultureInfo.InvariantCulture, $"{perSecond / 1e9:F2} GB/s")
            : string.Create(CultureInfo.InvariantCulture, $"{perSecond / 1e6:F1} MB/s");
    }

    public override string ToString() => ColumnName;

    private double Amount(BenchmarkCase benchmarkCase)
    {
        foreach (var parameter in benchmarkCase.Parameters.Items)
        {
            switch (parameter.Value)
            {
                case IWorkload workload:
                    return _messages ? workload.MessagesPerOperation : workload.BytesPerOperation;
                case int size when !_messages && parameter.Name == "Size":
                    return size;
            }
        }

        return 0;
    }
}
