namespace Sharpgrad.NN.Memory.Tasks;

/// <summary>The bAbI task families <see cref="BabiGenerator"/> writes (Weston et al. 2015), numbered as in bAbI.</summary>
public enum BabiTask
{
    /// <summary>"Mary went to the kitchen. … Where is Mary?" — one sentence answers.</summary>
    SingleSupportingFact = 1,

    /// <summary>"John picked up the milk. John went to the garden. Where is the milk?" — two sentences answer.</summary>
    TwoSupportingFacts = 2,

    /// <summary>"Is Mary in the kitchen?" — yes or no, over a single-supporting-fact story.</summary>
    YesNoQuestions = 6,

    /// <summary>"How many objects is John carrying?" — none, one, two or three.</summary>
    Counting = 7,

    /// <summary>
    /// "The kitchen is north of the hallway. … How do you go from the hallway to the garden?" — "n,e": the two compass
    /// steps of the path between two rooms two doors apart.
    /// </summary>
    PathFinding = 19,
}
