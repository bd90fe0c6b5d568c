//! Messages of reading the content's git history (changes.html, feed.xml, 变更记录).

crate::messages! {
    HISTORY_NOT_GIT = "history-not-git" {
        zh: "内容文件夹不在 git 仓库中：网站不含变更记录（changes.html、feed.xml）",
        en: "the content folder is not in a git repository: the site has no change history (changes.html, feed.xml)",
    }
    HISTORY_SHALLOW = "history-shallow" {
        zh: "这是浅克隆（shallow clone），git 历史不完整：网站不含变更记录；运行 git fetch --unshallow 后重新构建即可",
        en: "this is a shallow clone, so the git history is incomplete: the site has no change history; run git fetch --unshallow and build again",
    }
    HISTORY_FAILED = "history-failed" {
        zh: "读取 git 历史失败（{reason}）：网站不含变更记录",
        en: "reading the git history failed ({reason}): the site has no change history",
    }

    NO_HISTORY_FLAG = "cli-no-history" {
        zh: "不生成变更记录（changes.html、feed.xml、机构页的变更记录），即使内容在 git 中",
        en: "Leave out what changed and when (changes.html, feed.xml, 变更记录), even in git",
    }
}
