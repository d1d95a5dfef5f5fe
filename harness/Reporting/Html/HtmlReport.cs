using System.Text;
using Conformance.Harness.Reporting.Html.Components;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Conformance.Harness.Reporting.Html;

/// <summary>Renders the report page (Razor components through <see cref="HtmlRenderer"/>, which encodes every string) to a file or a writer.</summary>
public static class HtmlReport
{
    public static async Task WriteAsync(ReportModel model, string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        var temporary = path + ".tmp";
        await using (var writer = new StreamWriter(temporary, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), bufferSize: 1 << 16))
        {
            await WriteAsync(model, writer);
        }

        File.Move(temporary, path, overwrite: true);
    }

    public static async Task WriteAsync(ReportModel model, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(writer);
        await using var services = new ServiceCollection().AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance).BuildServiceProvider();
        await using var renderer = new HtmlRenderer(services, NullLoggerFactory.Instance);
        await writer.WriteAsync("<!DOCTYPE html>\n");
        await renderer.Dispatcher.InvokeAsync(async () =>
        {
            var page = await renderer.RenderComponentAsync<ReportPage>(ParameterView.FromDictionary(new Dictionary<string, object?> { [nameof(ReportPage.Model)] = model }));
            page.WriteHtmlTo(writer);
        });
        await writer.FlushAsync();
    }

    public static async Task<string> RenderAsync(ReportModel model)
    {
        await using var writer = new StringWriter();
        await WriteAsync(model, writer);
        return writer.ToString();
    }
}
