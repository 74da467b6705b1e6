package io.steadystate.compute.local.internal;

import io.steadystate.api.spi.ComputeException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.RefSpec;

/**
 * The session's canonical repository: a bare clone with the session branch.
 *
 * <p>A local source is "cloned" the way {@code git clone --shared} does it: the new repository
 * borrows the source's objects through {@code objects/info/alternates}, then fetches the refs, which
 * copies no object the source already has. The caveat is git's own: the source must keep those
 * objects (no aggressive {@code gc} of rewritten history while the session lives). Remote sources
 * are cloned normally with JGit (HTTPS; SSH URLs need JGit's SSH transport, which is not bundled).
 */
final class Canonical {

    private Canonical() {
    }

    /** Clones {@code source} into {@code dir}, creates {@code sessionBranch} and returns its commit. */
    static ObjectId create(RepoSource source, String branch, Path dir, String sessionBranch) throws ComputeException {
        try {
            if (source.local()) {
                cloneShared(source, dir);
            } else {
                try (Git git = Git.cloneRepository().setURI(source.url()).setDirectory(dir.toFile()).setBare(true)
                        .setCloneAllBranches(true).setTimeout(120).call()) {
                    // cloned
                }
            }
            try (Repository repo = new FileRepositoryBuilder().setGitDir(dir.toFile()).setMustExist(true).build()) {
                String start = branch != null ? Constants.R_HEADS + branch : defaultBranch(repo);
                Ref startRef = repo.exactRef(start);
                if (startRef == null || startRef.getObjectId() == null) {
                    throw new ComputeException(branch != null
                            ? "the repository has no branch '" + branch + "'"
                            : "the repository has no default branch (is it empty?)");
                }
                ObjectId head = startRef.getObjectId();
                RefUpdate create = repo.updateRef(Constants.R_HEADS + sessionBranch);
                create.setNewObjectId(head);
                create.setExpectedOldObjectId(ObjectId.zeroId());
                RefUpdate.Result r = create.update();
                if (r != RefUpdate.Result.NEW) {
                    throw new ComputeException("could not create the session branch: " + r);
                }
                RefUpdate headUpdate = repo.updateRef(Constants.HEAD);
                headUpdate.disableRefLog();
                headUpdate.link(Constants.R_HEADS + sessionBranch);
                Path info = dir.resolve("info");
                Files.createDirectories(info);
                Files.writeString(info.resolve("exclude"), "# SteadyState keeps per-worktree state here\n.steadystate/\n",
                        StandardCharsets.UTF_8);
                return head;
            }
        } catch (org.eclipse.jgit.api.errors.TransportException e) {
            // One message for every way a remote can fail (refused, timed out, no such repository, TLS...):
            // the difference would tell a user which ports and hosts the server can reach.
            throw new ComputeException("could not clone " + source.url() + ": " + RepoHosts.UNREACHABLE, e);
        } catch (GitAPIException | IOException | RuntimeException e) {
            throw new ComputeException("could not clone " + source.url() + ": "
                    + (source.local() ? e.getMessage() : RepoHosts.UNREACHABLE), e);
        }
    }

    private static void cloneShared(RepoSource source, Path dir) throws IOException, GitAPIException {
        try (Git git = Git.init().setBare(true).setDirectory(dir.toFile()).call()) {
            Path alternates = dir.resolve("objects").resolve("info").resolve("alternates");
            Files.createDirectories(alternates.getParent());
            Files.writeString(alternates, source.gitDir().resolve("objects") + "\n", StandardCharsets.UTF_8);
            StoredConfig config = git.getRepository().getConfig();
            config.setString("remote", "origin", "url", source.url());
            config.save();
        }
        // Reopen so the object database sees the alternates, then take the refs.
        try (Git git = Git.open(dir.toFile())) {
            git.fetch().setRemote(source.gitDir().toString())
                    .setRefSpecs(List.of(new RefSpec("+refs/heads/*:refs/heads/*"), new RefSpec("+refs/tags/*:refs/tags/*")))
                    .call();
            try (Repository src = new FileRepositoryBuilder().setGitDir(source.gitDir().toFile()).setMustExist(true).build()) {
                Ref head = src.exactRef(Constants.HEAD);
                if (head != null && head.isSymbolic()) {
                    RefUpdate u = git.getRepository().updateRef(Constants.HEAD);
                    u.disableRefLog();
                    u.link(head.getTarget().getName());
                }
            }
        }
    }

    private static String defaultBranch(Repository repo) throws IOException {
        Ref head = repo.exactRef(Constants.HEAD);
        if (head != null && head.isSymbolic()) {
            return head.getTarget().getName();
        }
        for (String candidate : List.of("refs/heads/main", "refs/heads/master")) {
            if (repo.exactRef(candidate) != null) {
                return candidate;
            }
        }
        return Constants.R_HEADS + "main";
    }

    /** The commit the session branch points at now. */
    static ObjectId head(Path dir, String sessionBranch) throws IOException {
        try (Repository repo = new FileRepositoryBuilder().setGitDir(dir.toFile()).setMustExist(true).build()) {
            Ref ref = repo.exactRef(Constants.R_HEADS + sessionBranch);
            if (ref == null || ref.getObjectId() == null) {
                throw new IOException("the session branch " + sessionBranch + " is missing");
            }
            return ref.getObjectId();
        }
    }
}
