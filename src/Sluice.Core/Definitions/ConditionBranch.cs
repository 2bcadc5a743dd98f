namespace Sluice.Definitions;

/// <summary>Which branch of its Condition step a nested step belongs to.</summary>
public enum ConditionBranch
{
    /// <summary><c>IfSteps</c>: runs when the conditions hold.</summary>
    If,

    /// <summary><c>ElseSteps</c>: runs when they do not.</summary>
    Else,
}
