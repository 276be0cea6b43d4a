namespace Sharpgrad.Cli.Commands;

/// <summary>
/// The command-line spelling of an enum member whose lower-cased name would not read well, e.g.
/// <c>[ChoiceName("fashion-mnist")] FashionMnist</c>. Members without it are spelled in lower case
/// (<see cref="OptionParsers.ChoiceName{TEnum}"/>).
/// </summary>
[AttributeUsage(AttributeTargets.Field)]
public sealed class ChoiceNameAttribute(string name) : Attribute
{
    public string Name { get; } = name;
}
