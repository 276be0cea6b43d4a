using System.CommandLine;
using Sharpgrad.Cli.Training;
using Spectre.Console;

namespace Sharpgrad.Cli.Commands;

/// <summary>
/// <c>sharpgrad export --model-file M [--format onnx] [--out F]</c>: writes a model saved by <c>sharpgrad train</c> in an
/// interchange format. ONNX is the only format so far; the option exists so that scripts name it.
/// </summary>
internal sealed class ExportCommand : Command
{
    private readonly Option<string> _modelFile = new("--model-file")
    {
        Description = "Model saved by 'sharpgrad train' (in its run folder).",
        HelpName = "PATH",
        Required = true,
        CustomParser = OptionParsers.ExistingFile(),
    };

    private readonly Option<string> _format = new("--format")
    {
        Description = "Interchange format. [default: onnx]",
        HelpName = "FORMAT",
        DefaultValueFactory = _ => "onnx",
    };

    private readonly Option<string> _out = new("--out")
    {
        Description = "File to write. [default: the model file with the format's extension]",
        HelpName = "PATH",
        CustomParser = OptionParsers.NonEmptyPath(),
    };

    public ExportCommand(IAnsiConsole console)
        : base("export", "Export a saved model to ONNX (opset 17), for ONNX Runtime and other consumers.")
    {
        _format.AcceptOnlyFromAmong("onnx");
        Options.Add(_modelFile);
        Options.Add(_format);
        Options.Add(_out);
        SetAction(parseResult =>
        {
            string modelFile = parseResult.GetRequiredValue(_modelFile);
            string output = parseResult.GetValue(_out) ?? Path.ChangeExtension(modelFile, ".onnx");
            new ExportJob(console).Run(modelFile, output);
            return 0;
        });
    }
}
