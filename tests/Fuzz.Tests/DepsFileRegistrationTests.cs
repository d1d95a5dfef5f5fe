using System.Text.Json.Nodes;
using Conformance.Fuzz.Instrumentation;

namespace Conformance.Fuzz.Tests;

public sealed class DepsFileRegistrationTests
{
    private const string AppDeps = """
        {
          "runtimeTarget": { "name": ".NETCoreApp,Version=v10.0", "signature": "" },
          "targets": {
            ".NETCoreApp,Version=v10.0": {
              "MyServer/1.0.0": { "runtime": { "MyServer.dll": {} } }
            }
          },
          "libraries": {
            "MyServer/1.0.0": { "type": "project", "serviceable": false, "sha512": "" }
          }
        }
        """;

    [Fact]
    public void The_coverage_runtime_is_listed_in_the_apps_deps_file_so_the_host_loads_it()
    {
        using var temp = new TempDirectory();
        var deps = Path.Combine(temp.Path, "MyServer.deps.json");
        File.WriteAllText(deps, AppDeps);

        var changed = DepsFileRegistration.Register(temp.Path, Path.Combine(temp.Path, "Conformance.Fuzz.Runtime.dll"));

        Assert.Equal([deps], changed);
        var json = JsonNode.Parse(File.ReadAllText(deps))!;
        Assert.NotNull(json["targets"]![".NETCoreApp,Version=v10.0"]!["Conformance.Fuzz.Runtime/1.0.0"]!["runtime"]!["Conformance.Fuzz.Runtime.dll"]);
        Assert.Equal("project", json["libraries"]!["Conformance.Fuzz.Runtime/1.0.0"]!["type"]!.GetValue<string>());
        Assert.NotNull(json["targets"]![".NETCoreApp,Version=v10.0"]!["MyServer/1.0.0"]);
    }

    [Fact]
    public void Registering_twice_changes_the_deps_file_once()
    {
        using var temp = new TempDirectory();
        var deps = Path.Combine(temp.Path, "MyServer.deps.json");
        File.WriteAllText(deps, AppDeps);
        var runtime = Path.Combine(temp.Path, "Conformance.Fuzz.Runtime.dll");
        DepsFileRegistration.Register(temp.Path, runtime);
        var once = File.ReadAllText(deps);

        Assert.Empty(DepsFileRegistration.Register(temp.Path, runtime));
        Assert.Equal(once, File.ReadAllText(deps));
    }

    [Fact]
    public void A_folder_without_a_deps_file_is_left_alone()
    {
        using var temp = new TempDirectory();

        Assert.Empty(DepsFileRegistration.Register(temp.Path, Path.Combine(temp.Path, "Conformance.Fuzz.Runtime.dll")));
        Assert.Empty(Directory.GetFiles(temp.Path));
    }

    [Fact]
    public void A_deps_file_that_is_not_json_is_named_in_the_error()
    {
        using var temp = new TempDirectory();
        var deps = Path.Combine(temp.Path, "MyServer.deps.json");
        File.WriteAllText(deps, "{ not json");

        var error = Assert.Throws<InvalidOperationException>(() => DepsFileRegistration.Register(temp.Path, Path.Combine(temp.Path, "Conformance.Fuzz.Runtime.dll")));

        Assert.Contains("MyServer.deps.json", error.Message, StringComparison.Ordinal);
        Assert.Contains("by hand", error.Message, StringComparison.Ordinal);
    }
}
