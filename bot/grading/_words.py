"""Closed word lists the grader reads text with: negators, contrast words, denials, predicates, lexicon."""

from __future__ import annotations


def words(text: str) -> frozenset[str]:
    """A word set written as one whitespace-separated string, so long lists stay readable."""
    return frozenset(text.split())


VERBAL_NEGATORS = words(
    """
    not never nor neither rarely seldom hardly barely cannot
    """
)
"""Negate their whole sub-clause, before and after: "X isn't a concern", "didn't compare against Y"."""

NOMINAL_NEGATORS = words(
    """
    no without none nothing nobody non lack lacks lacking lacked
    """
)
"""Negate only the noun phrase after them: "no rescaling is needed at inference" leaves "inference"."""

NOT_NEGATING_AFTER: dict[str, frozenset[str]] = {
    "not": frozenset(["only", "just", "merely", "simply"]),
    "no": frozenset(["matter", "doubt"]),
}
"""'not only X but Y' and 'no matter' affirm."""

NOUN_PHRASE_ENDS = words(
    """
    at in on for to during by with from of than as into over under across per via when while is are
    was were be been being has have had do does did can could will would should may might must and
    or but so because since which that then if
    """
)

SUBCLAUSE_WORDS = words(
    """
    and so because since which that then if when where thus therefore hence unless until whether who
    after before once whereas but while although though
    """
)
"""Where a negation's reach ends inside a sentence (besides commas, colons and brackets)."""

CLAUSE_CONJUNCTIONS = words("and or then unless")
"""Join two claims: a wrong claim must be said inside one of the clauses they separate."""

CONTRAST_CONJUNCTIONS = frozenset(["but", "however", "whereas", "while", "although", "though"])
"""Start a new claim window mid-sentence; at a sentence start they set apart the clause up to a comma."""

CONTRAST_ASIDES = frozenset(
    [
        "unlike",
        "than",
        "rather than",
        "instead of",
        "as opposed",
        "opposed to",
        "compared to",
        "compared with",
        "in contrast",
        "contrary to",
        "versus",
        "vs",
    ]
)
"""Set apart the words after them, up to the next comma, as a window of their own."""

COMPARATIVES = words(
    """
    less greater more larger bigger higher lower smaller fewer other
    """
)
"""'greater than' is a relation, not a contrast aside."""

COPULAS = frozenset(["is", "are", "was", "were", "be", "been", "s", "being", "seems", "sounds"])
DEICTICS = frozenset(["that", "this", "it", "which", "these", "those", "none", "all", "both"])
CLAIM_NOUNS = words(
    """
    claim claims idea ideas statement statements belief beliefs notion explanation explanations
    intuition assumption assumptions argument arguments reasoning interpretation answer view story
    """
)
DENIAL_WORDS = words(
    """
    wrong incorrect false untrue myth misconception mistake nonsense backwards bogus inaccurate
    erroneous fallacy
    """
)
TRUTH_WORDS = frozenset(["true", "correct", "right", "accurate", "valid", "hold", "holds", "case", "so"])
ALWAYS_DENY = words(
    """
    myth myths misconception misconceptions wrongly mistakenly incorrectly falsely fallacy
    """
)
"""Words that always mark what they are said about as denied."""

MEANING = words("mean means meant imply implies say says claim")
"""'It does not mean (that) X', 'not a claim that X': X is denied, across the 'that'."""
AUXILIARIES = words("does do did is are was were can could will would has have had")
REPORTERS = words("people many some others beginners students newcomers folks everyone candidates")
REPORTING_VERBS = words("think believe say assume claim expect argue suggest")
"""'Many people believe X' reports a claim; it is not the candidate's."""

DENIAL_FILLER = (
    DEICTICS
    | COPULAS
    | DENIAL_WORDS
    | TRUTH_WORDS
    | ALWAYS_DENY
    | CLAIM_NOUNS
    | VERBAL_NEGATORS
    | NOMINAL_NEGATORS
    | frozenset(
        [
            "the",
            "a",
            "an",
            "of",
            "simply",
            "just",
            "completely",
            "totally",
            "entirely",
            "actually",
            "plainly",
            "clearly",
            "common",
            "popular",
            "also",
            "here",
            "above",
            "really",
            "quite",
            "very",
            "does",
            "do",
            "did",
            "at",
            "is",
            "in",
            "fact",
            "unfortunately",
            "commonly",
            "often",
            "said",
            "frequently",
            "heard",
            "and",
            "so",
            "but",
            "however",
            "although",
            "though",
            "whereas",
        ]
    )
)
"""Words a denial can consist of while pointing back at the claim before it ("That's simply wrong.")."""

PREDICATE_CUES = words(
    """
    is are was were be been being am s re has have had do does did can could will would should may
    might must shall not never i we you it they he she this which who because so since if when
    whereas thus therefore hence then means gives makes keeps uses of for in on at by with from to
    into via per over under between than as the a an each every its their our my your these those
    some any no while but only approximately
    """
)
"""Words that tie terms into a statement; a segment without any of them (or a verb) is a term list."""

RELATIONS = frozenset(["=", "~", "→", "<", ">", "≤", "≥", "∝", "≠"])

VERB_STEMS = words(
    """
    give make keep use take set let mean becom get caus lead prevent reduc increas decreas push pull
    forc help allow ensur requir need depend comput multipli divid add subtract approxim averag
    scale shrink grow converg diverg explod vanish match equal estim measur learn train updat stop
    avoid work act behav turn switch stay remain produc yield return send split sum follow drop zero
    remov ignor replac rescal normal normaliz shift center centr subtract penal penaliz encourag
    discourag correct fix bias underestim overestim overfit underfit generaliz sampl draw pick choos
    select combin mix weight count appli run propag backpropag flow pass multipl chang move rotat
    project maxim minim optim solv fit predict classifi rank sort store cach reus share tie freez
    compar test check verifi bound limit clip damp smooth amplifi shrank saturat die kill activ
    deactiv mask hide attend look focus map encod decod embed transform captur model represent handl
    deal suffer cost save cut lower rais speed slow
    """
)
"""Stems of verbs common in technical answers; an inflected form of one is a predicate."""

LEXICON: dict[str, tuple[str, ...]] = {
    # Notation-level equivalences only; concept synonyms belong in each rubric's match groups.
    # Every variant means exactly its canonical term, never a more specific one.
    "l1": ("lasso", "l 1", "l1 norm", "manhattan norm"),
    "l2": ("ridge", "weight decay", "l 2", "l2 norm", "tikhonov", "euclidean norm"),
    "sigmoid": ("logistic function", "sigmoidal"),
    "gradient": ("grad", "grads", "nabla", "gradient vector"),
    "relu": ("rectified linear unit", "rectified linear", "rectifier"),
    "learning rate": ("lr", "step size", "stepsize"),
    "batchnorm": ("batch norm", "batch normalization", "batch normalisation", "bn"),
    "layernorm": ("layer norm", "layer normalization", "layer normalisation"),
    "maximum likelihood": ("mle", "max likelihood"),
    "zero": ("0", "zeros", "zeroes"),
    "one": ("1",),
    "infinity": ("inf", "infinite"),
    "standard deviation": ("std", "stdev", "std dev"),
    "neural network": ("nn", "neural net", "neural nets"),
    "knn": ("k nn", "k nearest neighbours", "k nearest neighbors"),
    "eigenvector": ("eigvec", "eigvecs", "eigen vector", "eigen vectors"),
    "eigenvalue": ("eigval", "eigvals", "eigen value", "eigen values"),
    "parameter": ("param", "params"),
    "sgd": ("stochastic gradient descent",),
    "gradient descent": ("gd",),
    "yhat": ("y hat", "y pred", "ypred"),
    "pr auc": (
        "aupr",
        "au pr",
        "auprc",
        "au prc",
        "auc pr",
        "area under the pr curve",
        "area under the precision recall curve",
    ),
    "roc auc": ("auroc", "au roc", "auc roc", "area under the roc curve"),
    "-": ("minus",),
    "+": ("plus",),
    "≤": ("at most", "less than or equal to"),
    "≥": ("at least", "greater than or equal to"),
}

STOPWORDS = words(
    """
    the a an of to in on for and or is are by with at as it its be that this from into than
    """
)
"""Words too common to count as rubric terms."""

FILLER = words(
    """
    i we you my our me us answer question explain describe discuss talk say let will would can also
    so well yes basically really thing things way ways good important key main not s
    """
)
"""Words that restate or frame a question without adding to it."""
