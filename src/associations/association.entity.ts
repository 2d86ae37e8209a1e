import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity('association')
export class Association {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('text') slug!: string;
  @Column('text') name!: string;
  @Column('text', { nullable: true }) website!: string | null;
  @Column('text', { array: true }) credentialTypes!: string[];
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
}
