using DiffPlex;
using DiffPlex.Chunkers;

namespace Jianxun.Core.Submissions;

public enum DiffKind
{
    Same = 0,
    Deleted = 1,
    Inserted = 2,
}

public sealed record DiffSegment(string Text, DiffKind Kind);

/// <summary>One side of the comparison, as paragraphs of marked segments.</summary>
public sealed record DiffSide(int Revision, string UserName, DateTime At, string? Note, IReadOnlyList<DiffSegment> Title, IReadOnlyList<IReadOnlyList<DiffSegment>> Paragraphs);

public sealed record RevisionDiffDto(DiffSide Old, DiffSide New, int Deleted, int Inserted);

/// <summary>
/// Character-level comparison of two revisions: Chinese has no spaces between words, so a word diff
/// would mark whole sentences. Paragraph breaks are compared too (a split or merged paragraph shows).
/// </summary>
public static class RevisionDiff
{
    private const char ParagraphBreak = '\n';

    public static RevisionDiffDto Compare(SubmissionRevision older, SubmissionRevision newer)
    {
        var (titleOld, titleNew, _, _) = Diff(older.Title, newer.Title);
        var (bodyOld, bodyNew, deleted, inserted) = Diff(string.Join(ParagraphBreak, older.Paragraphs), string.Join(ParagraphBreak, newer.Paragraphs));
        return new RevisionDiffDto(
            new DiffSide(older.Number, older.UserName, older.At, older.Note, titleOld, SplitParagraphs(bodyOld)),
            new DiffSide(newer.Number, newer.UserName, newer.At, newer.Note, titleNew, SplitParagraphs(bodyNew)),
            deleted, inserted);
    }

    private static (List<DiffSegment> Old, List<DiffSegment> New, int Deleted, int Inserted) Diff(string a, string b)
    {
        var result = Differ.Instance.CreateDiffs(a, b, ignoreWhiteSpace: false, ignoreCase: false, CharacterChunker.Instance);
        var old = new List<DiffSegment>();
        var @new = new List<DiffSegment>();
        int posA = 0, posB = 0, deleted = 0, inserted = 0;
        foreach (var block in result.DiffBlocks)
        {
            Add(old, a[posA..block.DeleteStartA], DiffKind.Same);
            Add(@new, b[posB..block.InsertStartB], DiffKind.Same);
            Add(old, a.Substring(block.DeleteStartA, block.DeleteCountA), DiffKind.Deleted);
            Add(@new, b.Substring(block.InsertStartB, block.InsertCountB), DiffKind.Inserted);
            deleted += block.DeleteCountA;
            inserted += block.InsertCountB;
            posA = block.DeleteStartA + block.DeleteCountA;
            posB = block.InsertStartB + block.InsertCountB;
        }
        Add(old, a[posA..], DiffKind.Same);
        Add(@new, b[posB..], DiffKind.Same);
        return (old, @new, deleted, inserted);
    }

    private static void Add(List<DiffSegment> segments, string text, DiffKind kind)
    {
        if (text.Length == 0)
        {
            return;
        }
        if (segments.Count > 0 && segments[^1].Kind == kind)
        {
            segments[^1] = segments[^1] with { Text = segments[^1].Text + text };
        }
        else
        {
            segments.Add(new DiffSegment(text, kind));
        }
    }

    private static List<IReadOnlyList<DiffSegment>> SplitParagraphs(List<DiffSegment> segments)
    {
        var paragraphs = new List<IReadOnlyList<DiffSegment>>();
        var current = new List<DiffSegment>();
        foreach (var segment in segments)
        {
            var parts = segment.Text.Split(ParagraphBreak);
            for (var i = 0; i < parts.Length; i++)
            {
                if (i > 0)
                {
                    // A changed paragraph break is shown as a pilcrow, so a split or a merge is visible.
                    if (segment.Kind != DiffKind.Same)
                    {
                        current.Add(new DiffSegment("¶", segment.Kind));
                    }
                    paragraphs.Add(current);
                    current = [];
                }
                if (parts[i].Length > 0)
                {
                    current.Add(segment with { Text = parts[i] });
                }
            }
        }
        paragraphs.Add(current);
        return paragraphs;
    }
}
