namespace Sharpgrad.Cli.Experiments;

/// <summary>Every experiment the CLI knows, in the order <c>sharpgrad experiments list</c> shows them.</summary>
public static class ExperimentRegistry
{
    public static IReadOnlyList<IExperiment> All { get; } =
    [
        new PolynomialFitExperiment(),
        new WeightDecayExperiment(),
        new LearningCurvesExperiment(),
        DigitsEmbeddingExperiment.Pca(),
        DigitsEmbeddingExperiment.Tsne(),
        new SvmVersusTreeExperiment(),
        new OptimizerComparisonExperiment(),
        new DistillationExperiment(),
        new Seq2SeqAttentionExperiment(),
        new GanDynamicsExperiment(),
        new LinearAutoencoderExperiment(),
        new VaeExperiment(),
        new RbmExperiment(),
        new DncCopyExperiment(),
        new MemN2NBabiExperiment(),
        new RnnGradientDecayExperiment(),
        new EchoStateExperiment(),
        new LongLagExperiment(),
        new CharLanguageModelExperiment(),
        new BanditExperiment(),
        new MazeValueIterationExperiment(),
        ReturnCurvesExperiment.CartPoleReinforce(),
        ReturnCurvesExperiment.CartPoleDqn(),
        ReturnCurvesExperiment.CartPoleExploration(),
        new XorExperiment(),
        new CapacityExperiment(),
        new BiasVarianceExperiment(),
        new MomentumExperiment(),
        new InitScalesExperiment(),
        new SecondOrderExperiment(),
        new GdQuadraticExperiment(),
        new SaddleExperiment(),
        new KlAsymmetryExperiment(),
        new NtmCopyExperiment(),
        new DncGraphExperiment(),
        new TransformerVersusLstmExperiment(),
        new WordNeighboursExperiment(),
        new NegativeSamplingVersusHsExperiment(),
        new GloveVersusWord2VecExperiment(),
        new FastTextOovExperiment(),
        new AutoencoderVsPcaExperiment(),
        new DenoisingExperiment(),
        new GanExperiment(),
        new DbnExperiment(),
        new NadeExperiment(),
        new MlpVersusCnnExperiment(),
        new EarlyStoppingExperiment(),
        new EnsemblesExperiment(),
        new DropoutExperiment(),
        new BatchNormExperiment(),
        new AdversarialExperiment(),
        new EasgdVsSgdExperiment(),
    ];

    /// <summary>The experiment called <paramref name="id"/>, or null.</summary>
    public static IExperiment? Find(string id) => All.FirstOrDefault(e => e.Info.Id == id);
}
