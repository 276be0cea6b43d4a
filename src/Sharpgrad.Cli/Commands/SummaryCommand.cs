using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using Sharpgrad.Models;
using Sharpgrad.NN;

namespace Sharpgrad.Cli.Commands;

/// <summary>
/// <c>sharpgrad summary --model NAME [--input CxHxW] [--classes N]</c>: builds a model of <see cref="ModelRegistry"/>
/// and prints its per-layer table (<see cref="ModelSummary"/>: output shapes, parameters, FLOPs) for one example.
/// </summary>
/// <remarks>
/// The table goes to the invocation's output writer as plain text rather than through the Spectre console, which
/// would wrap its wide lines. An input the model cannot take is reported like a parse error (exit code 2), naming
/// the layer that rejected it.
/// </remarks>
internal sealed class SummaryCommand : Command
{
    private readonly Option<string> _model = new("--model")
    {
        Description = "Architecture. Accepted: " + string.Join(", ", ModelRegistry.Names) + ".",
        HelpName = "NAME",
        Required = true,
        CustomParser = ParseModel,
    };

    private readonly Option<int[]?> _input = new("--input")
    {
        Description = "Shape of one example, e.g. 1x28x28 (channels x height x width) or 64 for an MLP. [default: the model's own]",
        HelpName = "CxHxW",
        CustomParser = ParseShape,
    };

    private readonly Option<int?> _classes = new("--classes")
    {
        Description = "Number of output classes (positive integer). [default: the model's own, 10 or 1000]",
        HelpName = "N",
        CustomParser = ParseClasses,
    };

    public SummaryCommand()
        : base("summary", "Print a model's layers, output shapes, parameter counts and FLOPs.")
    {
        Options.Add(_model);
        Options.Add(_input);
        Options.Add(_classes);
        SetAction(Run);
    }

    private int Run(ParseResult parseResult)
    {
        var output = parseResult.InvocationConfiguration.Output;
        var error = parseResult.InvocationConfiguration.Error;
        ModelRegistry.TryGet(parseResult.GetRequiredValue(_model), out var entry);
        // An absent array-valued option reads as empty, not null.
        int[] input = parseResult.GetValue(_input) is { Length: > 0 } given ? given : [.. entry.DefaultInput];
        try
        {
            var model = entry.Build(input, parseResult.GetValue(_classes) ?? entry.DefaultClasses, new Generator(0));
            output.Write(model.Summary([1, .. input]).ToString());
            return 0;
        }
        catch (ArgumentException e)
        {
            error.WriteLine($"{SharpgradCommandLine.Name} summary: error: --model {entry.Name} cannot take --input {string.Join("x", input)}: {e.Message} "
                + $"Its own input is {string.Join("x", entry.DefaultInput)}.");
            return SharpgradCommandLine.UsageError;
        }
    }

    private static string ParseModel(ArgumentResult result)
    {
        string text = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
        if (ModelRegistry.TryGet(text, out var entry)) return entry.Name;
        result.AddError($"--model must be one of: {string.Join(", ", ModelRegistry.Names)}; got '{text}'.");
        return text;
    }

    /// <summary>One to three positive integers joined by 'x': "1x28x28", "64".</summary>
    private static int[]? ParseShape(ArgumentResult result)
    {
        if (result.Tokens.Count == 0) return null;
        string text = result.Tokens[0].Value;
        var parts = text.Split('x', 'X');
        var shape = new int[parts.Length];
        bool valid = parts.Length is >= 1 and <= 3;
        for (int i = 0; valid && i < parts.Length; i++)
            valid = int.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out shape[i]) && shape[i] > 0;
        if (!valid) result.AddError($"--input must be a shape such as 1x28x28 or 3x32x32 (one to three positive integers joined by 'x'), got '{text}'.");
        return shape;
    }

    private static int? ParseClasses(ArgumentResult result)
    {
        if (result.Tokens.Count == 0) return null;
        string text = result.Tokens[0].Value;
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int classes) && classes > 0) return classes;
        result.AddError($"--classes must be a positive integer, got '{text}'.");
        return null;
    }
}
