using System.CommandLine;
using System.Globalization;
using Sharpgrad.Text.Embeddings;

namespace Sharpgrad.Cli.Commands;

/// <summary>
/// <c>sharpgrad embed query --vectors F --word X</c> prints X's nearest neighbours by cosine;
/// <c>--analogy A B C</c> answers "A is to B as C is to ?" by 3CosAdd or 3CosMul. An unknown word is a one-line
/// error naming it and suggesting the vocabulary word nearest by spelling (<see cref="CharacterNgrams.NearestBySpelling"/>);
/// a malformed file names the line or byte offset (<see cref="Word2VecFormat"/>).
/// </summary>
internal sealed class EmbedQueryCommand : Command
{
    private readonly Option<string> _vectors = new("--vectors")
    {
        Description = "Vectors in word2vec's format (binary when the name ends in .bin or with --binary), e.g. from 'sharpgrad embed train --out' or gensim.",
        HelpName = "FILE", Required = true, CustomParser = OptionParsers.ExistingFile(),
    };

    private readonly Option<bool> _binary = new("--binary") { Description = "Read the binary format." };
    private readonly Option<string?> _word = new("--word") { Description = "Print this word's nearest neighbours.", HelpName = "X" };
    private readonly Option<string[]> _analogy = new("--analogy") { Description = "A B C: what is to C as B is to A.", HelpName = "A B C", AllowMultipleArgumentsPerToken = true };

    private readonly Option<AnalogyMethod> _method = new("--method")
    {
        Description = "cosadd or cosmul (Levy & Goldberg 2014). [default: cosadd]", HelpName = "NAME",
        CustomParser = OptionParsers.Choice(AnalogyMethod.CosAdd),
    };

    private readonly Option<int> _top = new("--top") { Description = "How many answers.", HelpName = "N", CustomParser = OptionParsers.PositiveInt(10), DefaultValueFactory = _ => 10 };

    public EmbedQueryCommand()
        : base("query", "Nearest neighbours and analogies from saved word vectors.")
    {
        foreach (Option option in new Option[] { _vectors, _binary, _word, _analogy, _method, _top }) Options.Add(option);
        SetAction(Run);
    }

    private int Run(ParseResult parse)
    {
        var output = parse.InvocationConfiguration.Output;
        var error = parse.InvocationConfiguration.Error;
        string? word = parse.GetValue(_word);
        string[] analogy = parse.GetValue(_analogy) ?? [];
        if (word is null == (analogy.Length == 0))
        {
            error.WriteLine("sharpgrad embed query: error: give either --word X or --analogy A B C.");
            return SharpgradCommandLine.UsageError;
        }
        if (analogy.Length is not (0 or 3))
        {
            error.WriteLine($"sharpgrad embed query: error: --analogy takes three words A B C, got {analogy.Length}.");
            return SharpgradCommandLine.UsageError;
        }
        string path = parse.GetRequiredValue(_vectors);
        var vectors = Word2VecFormat.Load(path, EmbedCommand.IsBinary(path, parse.GetValue(_binary)));
        foreach (var w in word is null ? analogy : [word])
        {
            if (!vectors.Contains(w))
            {
                // "Did you mean": the vocabulary word whose character n-grams overlap the query's most (fastText's 3–6-grams).
                var guess = CharacterNgrams.NearestBySpelling(w, vectors.Words);
                string hint = guess is { } g ? $"; did you mean '{g.Word}'?" : ".";
                error.WriteLine($"sharpgrad embed query: error: the word '{w}' is not in the {vectors.Count} words of {path}{hint}");
                return SharpgradCommandLine.JobFailed;
            }
        }
        int top = parse.GetValue(_top);
        var answers = word is not null
            ? vectors.MostSimilar(word, top)
            : vectors.Analogy(analogy[0], analogy[1], analogy[2], parse.GetValue(_method), top);
        foreach (var (w, score) in answers) output.WriteLine(FormattableString.Invariant($"{w}\t{score:F4}"));
        return 0;
    }
}
