namespace Sharpgrad.Tests.Packaging;

/// <summary>
/// Issue #18: the library and the CLI pack into packages a .NET developer can use. Packs both (from the build the test
/// project already made, so no recompilation), installs the tool into a temporary tool path and runs `sharpgrad --help`,
/// then builds and runs a fresh console app that takes the Sharpgrad package from the local folder.
/// </summary>
public sealed class PackagingTests
{
    private static readonly string RepositoryRoot = FindRepositoryRoot();

    [FactNeedingDotnet]
    public void PackedToolInstallsAndPackedLibraryBuildsAnApp()
    {
        string root = Directory.CreateTempSubdirectory("sharpgrad-packaging-").FullName;
        try
        {
            string feed = Directory.CreateDirectory(Path.Combine(root, "feed")).FullName;
            string cache = Directory.CreateDirectory(Path.Combine(root, "nuget-cache")).FullName;
            string configuration = BuildConfiguration();

            foreach (string project in new[] { "src/Sharpgrad/Sharpgrad.csproj", "src/Sharpgrad.Cli/Sharpgrad.Cli.csproj" })
            {
                Succeeds(["pack", Path.Combine(RepositoryRoot, project), "--no-build", "-c", configuration, "-o", feed], RepositoryRoot, cache);
            }
            Assert.Contains(Directory.GetFiles(feed), f => Path.GetFileName(f).StartsWith("Sharpgrad.0.", StringComparison.Ordinal) && f.EndsWith(".snupkg", StringComparison.Ordinal));

            string tools = Path.Combine(root, "tools");
            Succeeds(["tool", "install", "--tool-path", tools, "--add-source", feed, "Sharpgrad.Cli"], root, cache);
            string help = Succeeds([], root, cache, program: Path.Combine(tools, "sharpgrad"), extra: ["--help"]);
            Assert.Contains("Usage:", help);
            Assert.Contains("train", help);

            string app = Directory.CreateDirectory(Path.Combine(root, "app")).FullName;
            WriteConsoleApp(app, feed);
            string printed = Succeeds(["run", "--project", app], app, cache);
            Assert.Contains("sum = 10", printed);
        }
        finally
        {
            try { Directory.Delete(root, recursive: true); } catch (IOException) { }
        }
    }

    /// <summary>A console app with its own nuget.config: the local feed first, then whatever sources the machine has.</summary>
    private static void WriteConsoleApp(string directory, string feed)
    {
        File.WriteAllText(Path.Combine(directory, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="local" value="{feed}" />
              </packageSources>
            </configuration>
            """);
        File.WriteAllText(Path.Combine(directory, "App.csproj"), """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="Sharpgrad" Version="*-*" />
              </ItemGroup>
            </Project>
            """);
        // An empty Directory.Build.props stops MSBuild from climbing to any props above the temp folder.
        File.WriteAllText(Path.Combine(directory, "Directory.Build.props"), "<Project />");
        File.WriteAllText(Path.Combine(directory, "Program.cs"), """
            using Sharpgrad;
            var t = Tensor.FromArray(new float[] { 1, 2, 3, 4 }, 2, 2);
            Console.WriteLine($"sum = {t.Sum().Item<float>()}");
            """);
    }

    private static string Succeeds(string[] arguments, string directory, string cache, string program = "dotnet", string[]? extra = null)
    {
        string[] all = [.. arguments, .. extra ?? []];
        var (exitCode, output) = DotnetProcess.Run(program, all, directory, cache);
        Assert.True(exitCode == 0, $"{program} {string.Join(' ', all)} exited with {exitCode}:\n{output}");
        return output;
    }

    /// <summary>The configuration this test assembly was built in, so `pack --no-build` finds the same outputs.</summary>
    private static string BuildConfiguration() =>
        AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
            ? "Release" : "Debug";

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Sharpgrad.slnx"))) return dir.FullName;
        }
        throw new InvalidOperationException("Sharpgrad.slnx not found above " + AppContext.BaseDirectory);
    }
}
