/* A type-2 AppImage runtime built here from Debian's libsquashfuse (no download of the upstream
 * runtime). Layout as the AppImage spec: this ELF (magic "AI\x02" at byte 8), then the squashfs.
 * Instead of a FUSE mount it extracts once into a per-image cache and runs AppRun from there:
 * counter PCs (UOS/Kylin, locked-down Windows-style setups) often lack libfuse2 / fusermount.
 * Options: --appimage-extract [DIR], --appimage-extract-and-run (same as no option),
 * --appimage-offset. Build: installers/appimage/runtime.sh (tests: gcc -static).
 * After an upgrade the older versions' folders are removed (see clean_old), so the cache holds one
 * copy (about 300 MB) instead of one per version ever installed. */
#define _GNU_SOURCE /* nftw flags, O_CLOEXEC: squashfuse.h narrows the feature set otherwise */
#include <squashfuse.h> /* first: its config.h sets _POSIX_C_SOURCE */
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <dirent.h>
#include <ftw.h>
#include <stdio.h>
#include <sys/file.h>
#include <time.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

static long elf_size(const char *path) {
    /* The squashfs starts where the ELF ends: after the section header table, as the spec says. */
    Elf64_Ehdr eh;
    FILE *f = fopen(path, "rb");
    if (!f || fread(&eh, sizeof eh, 1, f) != 1) { if (f) fclose(f); return -1; }
    fclose(f);
    return (long)(eh.e_shoff + (Elf64_Off)eh.e_shentsize * eh.e_shnum);
}

static int mkdirs(char *path, mode_t mode) {
    for (char *p = path + 1; *p; p++)
        if (*p == '/') { *p = 0; if (mkdir(path, 0755) && errno != EEXIST) return -1; *p = '/'; }
    return (mkdir(path, mode) && errno != EEXIST) ? -1 : 0;
}

static int extract(const char *image, long offset, const char *dest) {
    sqfs fs; sqfs_traverse trv; sqfs_err err = SQFS_OK; int rc = 0;
    if (sqfs_open_image(&fs, image, (size_t)offset) != SQFS_OK) return -1;
    if (sqfs_traverse_open(&trv, &fs, sqfs_inode_root(&fs)) != SQFS_OK) return -1;
    static char buf[1 << 16];
    char out[PATH_MAX];
    while (rc == 0 && sqfs_traverse_next(&trv, &err)) {
        if (trv.dir_end) continue;
        sqfs_inode inode;
        if (sqfs_inode_get(&fs, &inode, trv.entry.inode) != SQFS_OK) { rc = -1; break; }
        snprintf(out, sizeof out, "%s/%s", dest, trv.path);
        mode_t mode = inode.base.mode & 07777;
        switch (inode.base.inode_type) {
        case SQUASHFS_DIR_TYPE: case SQUASHFS_LDIR_TYPE:
            rc = mkdirs(out, mode | 0700);
            break;
        case SQUASHFS_REG_TYPE: case SQUASHFS_LREG_TYPE: {
            int fd = open(out, O_WRONLY | O_CREAT | O_TRUNC, mode | 0600);
            if (fd < 0) { rc = -1; break; }
            for (sqfs_off_t pos = 0; rc == 0 && pos < (sqfs_off_t)inode.xtra.reg.file_size;) {
                sqfs_off_t n = sizeof buf;
                if (sqfs_read_range(&fs, &inode, pos, &n, buf) != SQFS_OK || n <= 0 ||
                    write(fd, buf, (size_t)n) != (ssize_t)n) rc = -1;
                pos += n;
            }
            close(fd);
            break;
        }
        case SQUASHFS_SYMLINK_TYPE: case SQUASHFS_LSYMLINK_TYPE: {
            char target[PATH_MAX]; size_t size = sizeof target;
            if (sqfs_readlink(&fs, &inode, target, &size) != SQFS_OK) { rc = -1; break; }
            unlink(out);
            rc = symlink(target, out);
            break;
        }
        default: break; /* devices, fifos, sockets have no place in an AppDir */
        }
    }
    if (err != SQFS_OK) rc = -1;
    sqfs_traverse_close(&trv);
    sqfs_destroy(&fs);
    if (rc) fprintf(stderr, "AppImage: cannot extract to %s: %s\n", dest, strerror(errno));
    return rc;
}

#ifndef APP_ID
#define APP_ID "clerk-workbench" /* the cache folders' prefix: other AppImages' folders are never touched */
#endif

static int rm_entry(const char *path, const struct stat *sb, int flag, struct FTW *ftw) {
    (void)sb; (void)ftw;
    return flag == FTW_DP ? rmdir(path) : unlink(path);
}

/* Removes this app's other cache folders: older versions whose process is gone, and extractions that
 * died half-way more than a day ago. A running copy holds a shared lock on its folder's .ready (taken
 * below and kept across exec), so a version still open on this PC is left for a later start. */
static void clean_old(const char *root, const char *keep) {
    DIR *d = opendir(root);
    if (!d) return;
    struct dirent *e;
    char path[PATH_MAX], ready[PATH_MAX + 8];
    size_t plen = strlen(APP_ID "-");
    while ((e = readdir(d))) {
        if (strncmp(e->d_name, APP_ID "-", plen)) continue;
        snprintf(path, sizeof path, "%s/%s", root, e->d_name);
        if (!strcmp(path, keep)) continue;
        snprintf(ready, sizeof ready, "%s/.ready", path);
        int fd = open(ready, O_RDONLY | O_CLOEXEC);
        if (fd >= 0) {
            int free_ = flock(fd, LOCK_EX | LOCK_NB) == 0;
            if (free_) nftw(path, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
            close(fd);
        } else {
            struct stat st;
            if (!lstat(path, &st) && S_ISDIR(st.st_mode) && time(NULL) - st.st_mtime > 86400)
                nftw(path, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
        }
    }
    closedir(d);
}

int main(int argc, char **argv) {
    char self[PATH_MAX];
    ssize_t len = readlink("/proc/self/exe", self, sizeof self - 1);
    if (len < 0) { perror("AppImage: /proc/self/exe"); return 127; }
    self[len] = 0;
    long offset = elf_size(self);
    if (offset <= 0) { fprintf(stderr, "AppImage: %s is not an ELF file\n", self); return 127; }
    const char *opt = argc > 1 ? argv[1] : "";
    if (!strcmp(opt, "--appimage-offset")) { printf("%ld\n", offset); return 0; }
    if (!strcmp(opt, "--appimage-extract")) {
        char dest[PATH_MAX]; snprintf(dest, sizeof dest, "%s", argc > 2 ? argv[2] : "squashfs-root");
        return mkdirs(dest, 0755) || extract(self, offset, dest) ? 1 : 0;
    }
    /* One cache folder per image (size + mtime in ns): a new version extracts afresh, a restart reuses it. */
    struct stat st;
    if (stat(self, &st)) { perror("AppImage: stat"); return 127; }
    const char *base = getenv("XDG_CACHE_HOME"); char root[PATH_MAX], dir[PATH_MAX], ready[PATH_MAX + 8];
    if (base && *base) snprintf(root, sizeof root, "%s/appimage-run", base);
    else snprintf(root, sizeof root, "%s/.cache/appimage-run", getenv("HOME") ? getenv("HOME") : "/tmp");
    snprintf(dir, sizeof dir, "%s/" APP_ID "-%lx-%lx.%lx", root, (long)st.st_size, (long)st.st_mtim.tv_sec,
             (long)st.st_mtim.tv_nsec);
    snprintf(ready, sizeof ready, "%s/.ready", dir);
    if (access(ready, F_OK)) {
        char tmp[PATH_MAX + 16]; snprintf(tmp, sizeof tmp, "%s.%d", dir, (int)getpid());
        if (mkdirs(tmp, 0700) || extract(self, offset, tmp)) return 127;
        if (rename(tmp, dir) && errno != ENOTEMPTY && errno != EEXIST) { perror("AppImage: rename"); return 127; }
        if (!access(tmp, F_OK)) nftw(tmp, rm_entry, 16, FTW_DEPTH | FTW_PHYS); /* another start won */
        int fd = open(ready, O_WRONLY | O_CREAT, 0600); if (fd >= 0) close(fd);
    }
    /* Shared lock, inherited through exec by AppRun and the app: tells clean_old this copy is in use. */
    int lock = open(ready, O_RDONLY);
    if (lock >= 0 && flock(lock, LOCK_SH)) { close(lock); lock = -1; }
    clean_old(root, dir);
    char apprun[PATH_MAX + 8]; snprintf(apprun, sizeof apprun, "%s/AppRun", dir);
    setenv("APPIMAGE", self, 1);
    setenv("APPDIR", dir, 1);
    setenv("ARGV0", argv[0], 1);
    int skip = !strcmp(opt, "--appimage-extract-and-run") ? 1 : 0;
    argv[skip] = apprun;
    execv(apprun, argv + skip);
    perror("AppImage: AppRun");
    return 127;
}
