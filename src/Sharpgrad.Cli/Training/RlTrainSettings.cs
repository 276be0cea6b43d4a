namespace Sharpgrad.Cli.Training;

/// <summary>A parsed <c>sharpgrad rl train</c> command line.</summary>
public sealed record RlTrainSettings(RlEnvironmentKind Environment, RlAgentKind Agent, int Seed, int Episodes,
    string? LogFile, string? CheckpointFile, string? ResumeFile);
