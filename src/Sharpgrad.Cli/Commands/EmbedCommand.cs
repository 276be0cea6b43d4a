using System.CommandLine;

namespace Sharpgrad.Cli.Commands;

/// <summary><c>sharpgrad embed</c>: word embeddings (issue #13): <c>train</c>, <c>query</c> and <c>corpus</c> under it.</summary>
internal sealed class EmbedCommand : Command
{
    public EmbedCommand()
        : base("embed", "Word embeddings: train word2vec on a text corpus, query saved vectors, prepare the GCIDE corpus.")
    {
        Subcommands.Add(new EmbedTrainCommand());
        Subcommands.Add(new EmbedQueryCommand());
        Subcommands.Add(new EmbedCorpusCommand());
    }

    /// <summary>Whether a vectors file is in the binary format: by <c>--binary</c>, or a ".bin" extension.</summary>
    public static bool IsBinary(string path, bool flag) => flag || path.EndsWith(".bin", StringComparison.OrdinalIgnoreCase);
}
