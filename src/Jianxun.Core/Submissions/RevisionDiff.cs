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

/// <summary>The two revisions compared: text by character, and the photo changes as Chinese sentences (<see cref="RevisionDiff.ComparePhotos"/>).</summary>
public sealed record RevisionDiffDto(DiffSide Old, DiffSide New, int Deleted, int Inserted, IReadOnlyList<string> Photos);

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
            deleted, inserted, ComparePhotos(older, newer));
    }

    /// <summary>
    /// What happened to the photos between two revisions, one sentence each, in the newer revision's order: 添加、删除、更换
    /// (same photo, new file), 修改说明, 调整顺序 (a photo whose place among the photos on both sides changed). A photo is
    /// followed by its id, so a replaced photo is not "removed and added". Revisions saved before photos were recorded say so.
    /// </summary>
    public static IReadOnlyList<string> ComparePhotos(SubmissionRevision older, SubmissionRevision newer)
    {
        ArgumentNullException.ThrowIfNull(older);
        ArgumentNullException.ThrowIfNull(newer);
        if (older.Photos is null || newer.Photos is null)
        {
            var unknown = older.Photos is null ? older.Number : newer.Number;
            return [$"第 {unknown} 版保存时尚未记录图片，无法比较图片的变化。"];
        }
        var before = older.Photos.OrderBy(p => p.Order).ToList();
        var after = newer.Photos.OrderBy(p => p.Order).ToList();
        var changes = new List<string>();
        foreach (var p in before.Where(p => after.All(a => a.PhotoId != p.PhotoId)))
        {
            changes.Add($"删除图片：原第 {p.Order} 张{Name(p)}");
        }
        var keptBefore = before.Where(p => after.Any(a => a.PhotoId == p.PhotoId)).Select(p => p.PhotoId).ToList();
        var keptAfter = after.Where(p => keptBefore.Contains(p.PhotoId)).Select(p => p.PhotoId).ToList();
        foreach (var p in after)
        {
            var old = before.FirstOrDefault(b => b.PhotoId == p.PhotoId);
            if (old is null)
            {
                changes.Add($"添加图片：第 {p.Order} 张{Name(p)}");
                continue;
            }
            if (old.Sha256 != p.Sha256)
            {
                changes.Add($"更换图片：第 {p.Order} 张由“{old.OriginalName}”换为“{p.OriginalName}”");
            }
            if (old.Caption != p.Caption)
            {
                changes.Add($"修改图片说明：第 {p.Order} 张由“{old.Caption}”改为“{p.Caption}”");
            }
            if (keptBefore.IndexOf(p.PhotoId) != keptAfter.IndexOf(p.PhotoId))
            {
                changes.Add($"调整顺序：“{Label(p)}”从第 {old.Order} 张移到第 {p.Order} 张");
            }
        }
        return changes;
    }

    private static string Name(RevisionPhoto p) => $"（{Label(p)}）";

    private static string Label(RevisionPhoto p) => string.IsNullOrEmpty(p.Caption) ? p.OriginalName : p.Caption;

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
