using System.CommandLine;
using System.Text;
using Sharpgrad.Text;

namespace Sharpgrad.Cli.Commands;

/// <summary>
/// <c>sharpgrad embed corpus --gcide DICT --out FILE</c>: writes Debian's GCIDE dictionary as one tokenised sentence
/// a line (<see cref="GcideReader"/>), the corpus the word2vec benchmark trains both gensim and Sharpgrad on.
/// </summary>
internal sealed class EmbedCorpusCommand : Command
{
    private readonly Option<string> _gcide = new("--gcide")
    {
        Description = "gcide.dict.dz from Debian's dict-gcide ('apt-get download dict-gcide && dpkg-deb -x dict-gcide_*.deb DIR'; do not install it, it starts a daemon).",
        HelpName = "FILE", Required = true, CustomParser = OptionParsers.ExistingFile(),
    };

    private readonly Option<string?> _fortunes = new("--fortunes")
    {
        Description = "Also append the fortunes of this folder (Debian's fortunes package: /usr/share/games/fortunes), one tokenised line each.",
        HelpName = "DIR", CustomParser = OptionParsers.ExistingDirectory(),
    };

    private readonly Option<string?> _wordnet = new("--wordnet")
    {
        Description = "Also append WordNet's glosses from this folder (Debian's wordnet-base: /usr/share/wordnet).",
        HelpName = "DIR", CustomParser = OptionParsers.ExistingDirectory(),
    };

    private readonly Option<string> _out = new("--out") { Description = "The plain-text corpus to write.", HelpName = "FILE", Required = true, CustomParser = OptionParsers.NonEmptyPath() };

    public EmbedCorpusCommand()
        : base("corpus", "Turn the GCIDE dictionary (and optionally the fortunes and WordNet's glosses) into a plain-text corpus, one tokenised sentence a line.")
    {
        Options.Add(_gcide);
        Options.Add(_fortunes);
        Options.Add(_wordnet);
        Options.Add(_out);
        SetAction(parse =>
        {
            string path = parse.GetRequiredValue(_out);
            long sentences = 0, tokens = 0;
            // Written to a temporary file and renamed: a damaged input leaves no half-written corpus behind.
            Sharpgrad.IO.AtomicFile.Write(path, stream =>
            {
                using var writer = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16, leaveOpen: true);
                (sentences, tokens) = GcideReader.WritePlainText(parse.GetRequiredValue(_gcide), writer);
                void Append(IEnumerable<IReadOnlyList<string>> more)
                {
                    foreach (var sentence in more)
                    {
                        if (sentence.Count == 0) continue;
                        writer.Write(string.Join(' ', sentence));
                        writer.Write('\n');
                        sentences++;
                        tokens += sentence.Count;
                    }
                }
                if (parse.GetValue(_fortunes) is { } fortunes)
                {
                    // The fortune files are the ones without an extension (.dat indexes them, .u8 are links).
                    string[] files = [.. Directory.GetFiles(fortunes).Where(f => Path.GetExtension(f) == "").Order(StringComparer.Ordinal)];
                    Append(new CorpusReader(files).Sentences());
                }
                if (parse.GetValue(_wordnet) is { } wordnet)
                {
                    var tokenizer = new Tokenizer();
                    Append(WordNetGlosses.Sentences(wordnet).Select(tokenizer.Tokenize));
                }
            });
            parse.InvocationConfiguration.Output.WriteLine($"wrote {sentences} sentences, {tokens} tokens to {path}");
            return 0;
        });
    }
}
